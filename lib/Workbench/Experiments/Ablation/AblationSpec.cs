using Workbench.Experiments;
using Workbench.Experiments.Configs;
using Workbench.Training.Validation;

namespace Workbench.Experiments.Ablation;

/// <summary>
/// An ablation as data (design.md, "each ablation row is a configuration, not a branch"): which paper it
/// belongs to, the preset every run starts from, the rows (method, variant, typed axis settings, seeds),
/// overrides shared by every row and the paper's reference values. <see cref="AblationRunner"/> plans,
/// runs or reuses, collects and aggregates it; the paper's <see cref="AblationPaper"/> writes its table.
/// </summary>
public sealed record AblationSpec
{
    /// <summary>The paper's short name; its tables go to <c>results/&lt;paper&gt;/</c>.</summary>
    public required string Paper { get; init; }

    /// <summary>One line naming what is ablated.</summary>
    public required string Title { get; init; }

    /// <summary>The preset every run starts from.</summary>
    public required PresetLabel Preset { get; init; }

    /// <summary>The rows, in table order.</summary>
    public required IReadOnlyList<AblationRow> Rows { get; init; }

    /// <summary>Overrides applied to every row before its axis settings (e.g. <c>--set training.epochs=10</c>).</summary>
    public IReadOnlyList<ConfigOverride> Overrides { get; init; } = [];

    /// <summary>The paper's published numbers for some rows (context only).</summary>
    public IReadOnlyList<ReferenceValue> References { get; init; } = [];

    /// <summary>The axes the rows use, in first-seen order.</summary>
    public IReadOnlyList<string> Axes => Rows.SelectMany(r => r.Settings.Select(s => s.Axis)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>
    /// The spec restricted to rows whose <paramref name="axis"/> value is one of <paramref name="values"/>
    /// (compared as text, case-insensitively); the row label is the pseudo-axis <c>row</c> and the variant <c>variant</c>.
    /// </summary>
    /// <exception cref="ArgumentException">An axis no row has, or values that leave no row; the message lists what exists.</exception>
    public AblationSpec Only(string axis, IReadOnlyCollection<string> values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(axis);
        ArgumentNullException.ThrowIfNull(values);
        string? ValueOf(AblationRow r) => axis.ToLowerInvariant() switch
        {
            "row" => r.Label,
            "variant" => r.Variant,
            _ => r.ValueOf(axis),
        };
        if (!axis.Equals("row", StringComparison.OrdinalIgnoreCase) && !axis.Equals("variant", StringComparison.OrdinalIgnoreCase)
            && !Axes.Contains(axis, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The {Paper} ablation has no axis '{axis}'. Its axes: {string.Join(", ", Axes.Append("row").Append("variant"))}.");
        }
        var rows = Rows.Where(r => ValueOf(r) is { } v && values.Contains(v, StringComparer.OrdinalIgnoreCase)).ToList();
        if (rows.Count == 0)
        {
            var known = Rows.Select(ValueOf).OfType<string>().Distinct();
            throw new ArgumentException($"No row of the {Paper} ablation has {axis} = {string.Join(" or ", values)}. Values of {axis}: {string.Join(", ", known)}.");
        }
        return this with { Rows = rows };
    }
}
