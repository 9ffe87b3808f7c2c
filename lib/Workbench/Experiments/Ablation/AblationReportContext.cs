namespace Workbench.Experiments.Ablation;

/// <summary>What a report says about how it was made.</summary>
/// <param name="Command">The command that produced it, quoted in the Markdown page.</param>
/// <param name="Date">The day it was written (UTC).</param>
public sealed record AblationReportContext(string Command, DateTime Date);
