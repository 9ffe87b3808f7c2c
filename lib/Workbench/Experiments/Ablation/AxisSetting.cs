using Workbench.Experiments.Configs;
using Workbench.Training.Validation;

namespace Workbench.Experiments.Ablation;

/// <summary>
/// One value of one ablation axis as it applies to a configuration: the typed change itself
/// (<see cref="Apply"/>, e.g. <c>c with { Bits = 32 }</c>) and the same change as the <c>--set</c>
/// assignments of <c>workbench experiment run</c> (<see cref="Assignments"/>, e.g. <c>bits=32</c>), so a
/// task can be run in this process or from its command line with the same configuration hash.
/// </summary>
/// <param name="Axis">The axis name, e.g. <c>bits</c>, <c>loss</c>, <c>pair</c>.</param>
/// <param name="Value">The value as the axis names it in tables and in <c>--only axis=value</c>, e.g. <c>32</c>, <c>emoji-office:noto/symbola</c>.</param>
/// <param name="Assignments">The equivalent <c>path=value</c> overrides, in order.</param>
/// <param name="Apply">The typed change; throws <see cref="InvalidCastException"/> on a configuration of another method.</param>
public sealed record AxisSetting(string Axis, string Value, IReadOnlyList<string> Assignments, Func<ExperimentConfig, ExperimentConfig> Apply)
{
    /// <summary>A setting of configurations of type <typeparamref name="TConfig"/>.</summary>
    /// <param name="axis">Axis name.</param>
    /// <param name="value">Value label.</param>
    /// <param name="assignments">The equivalent <c>--set</c> assignments.</param>
    /// <param name="apply">The typed change.</param>
    public static AxisSetting Of<TConfig>(string axis, string value, IReadOnlyList<string> assignments, Func<TConfig, TConfig> apply)
        where TConfig : ExperimentConfig
    {
        ArgumentNullException.ThrowIfNull(apply);
        return new AxisSetting(axis, value, assignments, c => apply(c as TConfig ?? throw new InvalidCastException(
            $"Axis '{axis}' changes a {typeof(TConfig).Name}, not a {c.GetType().Name}; give the row a method whose configuration is a {typeof(TConfig).Name}.")));
    }

    /// <summary>The assignments as overrides, with source <c>--set</c> (what the manifest of a run started from the command line records).</summary>
    public IEnumerable<string> Applied => Assignments.Select(a => $"{a} (--set)");
}
