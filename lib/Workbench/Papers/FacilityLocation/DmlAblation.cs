using Workbench.Experiments;
using Workbench.Training;

namespace Workbench.Papers.FacilityLocation;

/// <summary>
/// Runs an ablation plan through the <see cref="ExperimentRunner"/>: each cell with seeds
/// <c>0..seeds−1</c>, every run recorded (and reused when a finished run with the same configuration
/// hash exists), optionally only every n-th cell (<c>shard</c>) so that several processes can share
/// the grid. Tables are rebuilt from the records by <see cref="DmlAblationReport"/>.
/// </summary>
public static class DmlAblation
{
    /// <summary>Runs (or reuses) every cell of <paramref name="plan"/> in this shard.</summary>
    /// <param name="runner">Runner over a registry that contains <see cref="DmlMethod"/>.</param>
    /// <param name="plan">The grid.</param>
    /// <param name="seeds">Seeds per cell (≥ 1).</param>
    /// <param name="options">Run options (device, force, cancellation, log).</param>
    /// <param name="shard">0-based shard index.</param>
    /// <param name="shards">Number of shards (cells are dealt round-robin).</param>
    /// <returns>One result per run, in cell then seed order.</returns>
    public static IReadOnlyList<RunResult> Run(ExperimentRunner runner, DmlAblationPlan plan, int seeds, RunOptions? options = null, int shard = 0, int shards = 1)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(seeds, 1);
        if (shards < 1 || shard < 0 || shard >= shards) throw new ArgumentException($"Shard {shard} of {shards} is not valid; use 0 ≤ shard < shards.");
        options ??= new RunOptions();
        var log = options.Log ?? (_ => { });
        var cells = plan.Cells();
        // Resolve every cell first, so a bad cell stops the grid before anything trains.
        var resolved = cells.Select(c => runner.Resolve("dml", plan.Preset, null, plan.Overrides(c.Loss, c.Ratio))).ToList();
        var results = new List<RunResult>();
        for (int i = shard; i < resolved.Count; i += shards)
        {
            var (loss, ratio) = cells[i];
            for (int s = 0; s < seeds; s++)
            {
                options.Cancellation.ThrowIfCancellationRequested();
                log($"[{plan.Dataset} {plan.Preset.Name()}] cell {i + 1}/{cells.Count}: {loss}, C/m = {ratio}, seed {s}");
                var result = runner.Run(resolved[i].WithSeed(s), options);
                results.Add(result);
                log($"  {result.RunId}: {result.Status}{(result.Reused ? " (reused)" : "")}");
            }
        }
        return results;
    }
}
