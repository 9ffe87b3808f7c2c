namespace Workbench.Experiments.Ablation;

/// <summary>
/// A run a paper's notebook inspects beyond its numbers by default (e.g. the row it draws grids and maps for, seed 0), and the
/// files it reads from the run's folder. Committed records keep these files (<see cref="AblationRunner.CopyInspected"/>), so a
/// report shows the views without training; any other run is trained again on demand (<see cref="AblationRunner.Inspect(string, ResolvedExperiment, IReadOnlyList{string}, AblationRunOptions?)"/>).
/// </summary>
/// <param name="Cell">The row × seed.</param>
/// <param name="Files">File names inside the run folder.</param>
public sealed record InspectedRun(AblationCell Cell, IReadOnlyList<string> Files);
