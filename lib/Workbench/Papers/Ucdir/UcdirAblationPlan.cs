using Workbench.Experiments;
using Workbench.Experiments.Configs;
using Workbench.Training.Validation;

namespace Workbench.Papers.Ucdir;

/// <summary>One cell of the ablation: a variant's row on one domain pair, resolved (its seed is the first seed).</summary>
/// <param name="Variant"><c>Seed</c> or <c>Official</c>.</param>
/// <param name="Ablation">Canonical row name in that variant's table.</param>
/// <param name="Pair">The domain pair.</param>
/// <param name="Experiment">The resolved configuration.</param>
public sealed record UcdirAblationCell(string Variant, string Ablation, UcdirPair Pair, ResolvedExperiment Experiment);

/// <summary>
/// The ablation of papers.md 1 as a list of runs: both variants × their four rows × the chosen domain pairs, each over
/// several seeds, through the shared <see cref="ExperimentRunner"/> (finished runs are reused, so a table can be rebuilt
/// from the records alone). <c>workbench ucdir ablation</c> runs it and writes <see cref="UcdirAblationTable"/>.
/// </summary>
public static class UcdirAblationPlan
{
    /// <summary>The default pairs of a preset: smoke → synthetic solid/outline; reduced → emoji-office noto/symbola; paper → office-home Product/Clipart.</summary>
    public static IReadOnlyList<UcdirPair> DefaultPairs(PresetLabel preset) => preset switch
    {
        PresetLabel.Smoke => [new UcdirPair("synthetic", "solid", "outline")],
        PresetLabel.Reduced => [UcdirPair.Reduced[0]],
        _ => [new UcdirPair("office-home", "Product", "Clipart")],
    };

    /// <summary>Resolves every cell (validating each configuration before anything runs).</summary>
    /// <param name="runner">The runner (its registry must know <c>ucdir</c>).</param>
    /// <param name="preset">Preset label.</param>
    /// <param name="pairs">Domain pairs (null: <see cref="DefaultPairs"/>).</param>
    /// <param name="overrides">Extra overrides applied to every cell first (e.g. <c>training.epochs=10</c>).</param>
    /// <param name="variants">Variants (null: Seed and Official).</param>
    /// <exception cref="ConfigValidationException">A cell's configuration is invalid.</exception>
    public static IReadOnlyList<UcdirAblationCell> Cells(ExperimentRunner runner, PresetLabel preset, IReadOnlyList<UcdirPair>? pairs = null,
        IReadOnlyList<ConfigOverride>? overrides = null, IReadOnlyList<string>? variants = null)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var cells = new List<UcdirAblationCell>();
        foreach (var pair in pairs ?? DefaultPairs(preset))
        {
            foreach (var variant in variants ?? ["Seed", "Official"])
            {
                foreach (var row in UcdirAblation.RowsOf(variant))
                {
                    var set = new List<ConfigOverride>(overrides ?? [])
                    {
                        Set("data", pair.Data), Set("domainA", pair.DomainA), Set("domainB", pair.DomainB), Set("ablation", row),
                    };
                    var experiment = runner.Resolve("ucdir", preset, variant, set);
                    cells.Add(new UcdirAblationCell(experiment.Config.Variant, row, pair, experiment));
                }
            }
        }
        return cells;
    }

    /// <summary>Runs every cell over <paramref name="seeds"/> seeds (reusing finished runs); returns the cells whose seeds all finished.</summary>
    public static IReadOnlyList<UcdirAblationCell> Run(ExperimentRunner runner, IReadOnlyList<UcdirAblationCell> cells, int seeds, RunOptions? options = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(cells);
        log ??= _ => { };
        var done = new List<UcdirAblationCell>();
        for (int i = 0; i < cells.Count; i++)
        {
            var c = cells[i];
            log($"[{i + 1}/{cells.Count}] {c.Pair} {c.Variant} {c.Ablation} ({seeds} seeds)");
            var result = runner.RunSeeds(c.Experiment, seeds, options);
            foreach (var r in result.Runs) log($"    {r.RunId}: {r.Status}{(r.Reused ? " (reused)" : "")} {Summary(r)}");
            if (result.Runs.Count == seeds && result.Runs.All(r => r.Status == Training.Records.RunStatus.Finished)) done.Add(c);
            else if (options?.Cancellation.IsCancellationRequested == true) break;
        }
        return done;
    }

    private static string Summary(RunResult r)
    {
        var m = r.Metrics?.Final?.Metrics;
        if (m is null) return "";
        var shown = m.Where(p => p.Key.StartsWith("mean P@", StringComparison.Ordinal) && p.Key.EndsWith(" capped", StringComparison.Ordinal) && !p.Key.StartsWith("heldout", StringComparison.Ordinal));
        return $"[{r.Manifest.Timings.TotalSeconds:F0} s] " + string.Join("  ", shown.Select(p => $"{p.Key} {p.Value:F2}"));
    }

    private static ConfigOverride Set(string path, string value) => new(path, value, null, "ablation plan");
}
