namespace Workbench.Reporting.Tables;

/// <summary>
/// The final metrics of one run, as a table row's input. Runs with the same dataset, setting,
/// method, variant and preset but different seeds are aggregated into one row (mean ± sd, n).
/// </summary>
/// <param name="Method">Method, e.g. <c>SPQ</c>, <c>Triplet semi-hard</c>, <c>UCDIR w/o CW</c>.</param>
/// <param name="Variant">Implementation variant: <c>Seed</c> or <c>Official</c>.</param>
/// <param name="Preset">Preset label: <c>smoke</c>, <c>reduced</c> or <c>paper</c>.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Metrics">Metric name → value, e.g. <c>mAP@1000</c> → 0.79.</param>
/// <param name="Dataset">Dataset, e.g. <c>CIFAR-10</c>, <c>Office-Home</c>; null if the table has one.</param>
/// <param name="Setting">Setting within the dataset, e.g. <c>32 bits</c> or <c>Art→Real</c>; null if none.</param>
public sealed record RunMetrics(string Method, string Variant, string Preset, long Seed,
    IReadOnlyDictionary<string, double> Metrics, string? Dataset = null, string? Setting = null);
