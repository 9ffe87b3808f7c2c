using System.Globalization;

namespace Workbench.Experiments.Ablation;

/// <summary>
/// A typed ablation axis: a name, its values and how a value changes a configuration, e.g.
/// <c>new Axis&lt;SpqConfig, int&gt;("bits", [16, 32, 64], (c, v) =&gt; c with { Bits = v })</c>. Values reach the
/// configuration through <see cref="Apply"/> only; their text (<see cref="Format"/>) is used for labels, for
/// <c>--only bits=32</c> filters and for the task's command line (<c>--set bits=32</c>), never parsed back.
/// </summary>
/// <typeparam name="TConfig">The method's configuration record.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
/// <param name="Name">Axis name (and, unless <see cref="Path"/> is set, the <c>--set</c> path).</param>
/// <param name="Values">Values, in table order.</param>
/// <param name="Apply">The typed change.</param>
public sealed record Axis<TConfig, TValue>(string Name, IReadOnlyList<TValue> Values, Func<TConfig, TValue, TConfig> Apply)
    where TConfig : ExperimentConfig
{
    /// <summary>The configuration path <c>--set</c> writes (default <see cref="Name"/>).</summary>
    public string? Path { get; init; }

    /// <summary>Text of a value for labels and <c>--set</c> (default: invariant culture).</summary>
    public Func<TValue, string> Format { get; init; } = v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "";

    /// <summary>The setting of <paramref name="value"/>.</summary>
    public AxisSetting Setting(TValue value)
    {
        string text = Format(value);
        return AxisSetting.Of<TConfig>(Name, text, [$"{Path ?? Name}={text}"], c => Apply(c, value));
    }

    /// <summary>One setting per value, in order.</summary>
    public IReadOnlyList<AxisSetting> Settings() => Values.Select(Setting).ToList();
}
