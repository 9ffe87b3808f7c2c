using Workbench.Experiments;
using Workbench.Training;

namespace Workbench.Experiments.Ablation;

/// <summary>One row × seed of an ablation, resolved and validated: its configuration hash names its run record.</summary>
/// <param name="Row">The row.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Experiment">The resolved configuration (preset, shared overrides, axis settings, seed).</param>
public sealed record AblationCell(AblationRow Row, long Seed, ResolvedExperiment Experiment);
