using System.CommandLine;
using Workbench.Experiments;
using Workbench.Experiments.Ablation;
using Workbench.Experiments.Configs;
using Workbench.Training.Validation;

namespace Workbench.Cli.Commands;

/// <summary>The options every <c>workbench ablation</c> sub-command shares, declared once: paper, preset, seeds, overrides, row filters, data, runs and results folders, force.</summary>
internal sealed class AblationOptions
{
    public Argument<string> Paper { get; } = new("paper") { Description = "spq, ucdir or dml (alias facility-location); see `workbench ablation list`." };

    public Option<string> Preset { get; } = new("--preset", "-p") { Description = "smoke, reduced (default) or paper.", DefaultValueFactory = _ => "reduced" };

    public Option<int?> Seeds { get; } = new("--seeds") { Description = "Seeds per row, 0..N-1 (default: the paper's; SPQ gives them to SPQ at 32 bits only)." };

    public Option<string[]> Set { get; } = new("--set", "-s") { Description = "Override for every row before its axis settings, e.g. --set training.epochs=10 (repeatable)." };

    public Option<string[]> Only { get; } = new("--only") { Description = "Keep the rows whose axis has one of these values: --only bits=16,32 --only loss=facility-location (axes: see `ablation list <paper>`; also row, variant)." };

    public Option<string[]> Data { get; } = ExperimentCommand.DataOption();

    public Option<string?> Out { get; } = ExperimentCommand.OutOption();

    public Option<string?> Results { get; } = new("--results") { Description = "Folder of the tables (default: results/<paper> under the repository root)." };

    public Option<bool> Force { get; } = new("--force") { Description = "Train every row x seed again even if a finished record exists (records are kept)." };

    /// <summary>A sub-command with the shared argument and options (and <paramref name="extra"/> ones).</summary>
    public Command Command(string name, string description, params Option[] extra)
    {
        var command = new Command(name, description) { Paper, Preset, Seeds, Set, Only, Data, Out, Results, Force };
        foreach (var option in extra) command.Options.Add(option);
        return command;
    }

    /// <summary>The paper and its spec as the options ask (data folders registered, filters applied).</summary>
    public (AblationPaper Paper, AblationSpec Spec) Resolve(ParseResult parse)
    {
        ExperimentCommand.ApplyData(parse, Data);
        var paper = AblationCatalog.Default.Get(parse.GetValue(Paper)!);
        int? seeds = parse.GetValue(Seeds);
        if (seeds is < 1) throw new ArgumentException($"--seeds must be at least 1 (got {seeds}).");
        var overrides = (parse.GetValue(Set) ?? []).Select(ConfigOverride.Parse).ToList();
        var spec = paper.Spec(new AblationRequest(PresetLabels.Parse(parse.GetValue(Preset)!), seeds, overrides));
        foreach (string filter in parse.GetValue(Only) ?? [])
        {
            int eq = filter.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new ArgumentException($"--only '{filter}' must be axis=value[,value...], e.g. --only bits=32.");
            spec = spec.Only(filter[..eq].Trim(), filter[(eq + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        }
        return (paper, spec);
    }

    /// <summary>The engine over <c>--out</c>.</summary>
    public AblationRunner Runner(ParseResult parse) => new(ExperimentCommand.Store(parse.GetValue(Out)));

    /// <summary>The tables folder: <c>--results</c>, else <c>results/&lt;paper&gt;</c>.</summary>
    public string ResultsFolder(ParseResult parse, AblationPaper paper) => parse.GetValue(Results) ?? AblationRunner.ResultsFolder(paper.Name);

    /// <summary>The command that reproduces the tables, for the report header.</summary>
    public string CommandText(ParseResult parse, AblationPaper paper)
    {
        var parts = new List<string> { "workbench ablation run", paper.Name, "--preset", PresetLabels.Parse(parse.GetValue(Preset)!).Name() };
        if (parse.GetValue(Seeds) is { } n) parts.AddRange(["--seeds", n.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        foreach (string o in parse.GetValue(Only) ?? []) parts.AddRange(["--only", o]);
        foreach (string s in parse.GetValue(Set) ?? []) parts.AddRange(["--set", s]);
        return string.Join(' ', parts);
    }
}
