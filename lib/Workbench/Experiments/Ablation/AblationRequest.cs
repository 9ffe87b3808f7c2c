using Workbench.Experiments;
using Workbench.Experiments.Configs;
using Workbench.Training.Validation;

namespace Workbench.Experiments.Ablation;

/// <summary>What a user asks of a paper's ablation: a preset, optionally how many seeds, and overrides for every row.</summary>
/// <param name="Preset">The preset every run starts from.</param>
/// <param name="Seeds">Seeds per row (null: the paper's default; a paper may give extra seeds to its headline row only).</param>
/// <param name="Overrides">Overrides applied to every row before its axis settings.</param>
public sealed record AblationRequest(PresetLabel Preset, int? Seeds = null, IReadOnlyList<ConfigOverride>? Overrides = null);
