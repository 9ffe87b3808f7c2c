namespace Workbench.Experiments.Ablation;

/// <summary>A number the paper publishes for a row, shown beside ours as context (another dataset and budget, not a target).</summary>
/// <param name="Row">The row label it belongs to, e.g. <c>SPQ</c>.</param>
/// <param name="Setting">The axis value it belongs to, e.g. <c>32 bits</c>, or null.</param>
/// <param name="Metric">Metric, e.g. <c>mAP@1000</c>.</param>
/// <param name="Value">The published value.</param>
/// <param name="Source">Where it comes from (dataset, table, status such as <c>verify</c>).</param>
public sealed record ReferenceValue(string Row, string? Setting, string Metric, double Value, string Source);
