namespace Workbench.Experiments.Ablation;

/// <summary>One file of an ablation's report, e.g. <c>ablation-reduced.csv</c>.</summary>
/// <param name="Name">File name inside <c>results/&lt;paper&gt;/</c>.</param>
/// <param name="Text">Its content (written as UTF-8 without a byte-order mark).</param>
public sealed record AblationFile(string Name, string Text);
