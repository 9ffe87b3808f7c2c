using System.CommandLine;
using Workbench.Data.Catalog;
using System.Globalization;
using Workbench.Experiments.Records;

namespace Workbench.Cli.Commands;

/// <summary><c>workbench experiment</c>: list methods, run them (with presets, overrides, seeds, resume), show recorded runs.</summary>
internal static class ExperimentCommand
{
    public static Command Create() =>
        new("experiment", "Run a method with a preset and record it under artifacts/runs; list methods; show runs.")
        {
            ExperimentListCommand.Create(),
            ExperimentRunCommand.Create(),
            ExperimentShowCommand.Create(),
            ExperimentCompareCommand.Create(),
        };

    /// <summary>The shared <c>--out</c> option: the runs root.</summary>
    public static Option<string?> OutOption() =>
        new("--out") { Description = "Runs folder (default: artifacts/runs under the repository root)." };

    /// <summary>The shared <c>--data name=folder</c> option: where user datasets (CIFAR-10, Office-Home, ...) live.</summary>
    public static Option<string[]> DataOption() =>
        new(DatasetLocations.OptionName) { Description = "Folder of a user dataset as name=folder, e.g. --data cifar10=~/data/cifar-10-batches-bin (repeatable)." };

    /// <summary>Registers every <c>--data</c> pair with <see cref="DatasetLocations"/>; a malformed pair or unknown name throws <see cref="ArgumentException"/>.</summary>
    public static void ApplyData(ParseResult parse, Option<string[]> data)
    {
        foreach (var pair in parse.GetValue(data) ?? []) DatasetLocations.Apply(pair);
    }

    /// <summary>The runs store of <c>--out</c>, or the default under the repository root.</summary>
    public static RunStore Store(string? outDir) => new(string.IsNullOrWhiteSpace(outDir) ? RunStore.DefaultRoot() : outDir);

    /// <summary>A metric or loss value for tables: 4 significant decimals, invariant.</summary>
    public static string Value(double v) =>
        double.IsFinite(v) ? (Math.Abs(v) is > 0 and < 1e-3 ? v.ToString("0.###e0", CultureInfo.InvariantCulture) : v.ToString("0.####", CultureInfo.InvariantCulture))
                           : v.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>mean ± sd</c> of an aggregated metric.</summary>
    public static string Summary(MetricSummary s) => s.StandardDeviation is { } sd ? $"{Value(s.Mean)} ± {Value(sd)}" : Value(s.Mean);
}
