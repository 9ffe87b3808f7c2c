namespace Workbench.Experiments.Ablation;

/// <summary>The state of one row × seed, read from the run store.</summary>
/// <param name="Cell">The row × seed.</param>
/// <param name="State">Pending, running, finished, stopped or failed.</param>
/// <param name="RunId">The newest record of its configuration, or null when pending.</param>
/// <param name="Message">Why it failed or stopped (from the manifest), or null.</param>
public sealed record AblationCellStatus(AblationCell Cell, AblationCellState State, string? RunId, string? Message);
