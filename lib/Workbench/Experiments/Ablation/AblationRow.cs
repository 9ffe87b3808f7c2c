namespace Workbench.Experiments.Ablation;

/// <summary>
/// One row of an ablation table before it runs: a method (and variant) with the axis settings that make
/// this row, run over <see cref="Seeds"/>. Each row × seed is one run record, found again by its
/// configuration hash.
/// </summary>
/// <param name="Label">The paper's row label, e.g. <c>SPQ-C</c>, <c>+SE</c>, <c>Facility location</c>.</param>
/// <param name="Method">Method name (<c>workbench experiment list</c>).</param>
/// <param name="Variant">Variant, or null for the method's default.</param>
/// <param name="Settings">Axis settings, applied in order after the preset and the shared overrides.</param>
/// <param name="Seeds">Run seeds, ascending.</param>
public sealed record AblationRow(string Label, string Method, string? Variant, IReadOnlyList<AxisSetting> Settings, IReadOnlyList<long> Seeds)
{
    /// <summary>The value of axis <paramref name="axis"/> in this row, or null.</summary>
    public string? ValueOf(string axis) => Settings.FirstOrDefault(s => string.Equals(s.Axis, axis, StringComparison.OrdinalIgnoreCase))?.Value;

    /// <summary>A unique, readable key: label, variant and every axis value.</summary>
    public string Key => string.Join(" · ", new[] { Label, Variant ?? "" }.Concat(Settings.Select(s => $"{s.Axis}={s.Value}")).Where(p => p.Length > 0));

    /// <summary><c>seed, seed+1, …</c>: <paramref name="count"/> seeds from <paramref name="first"/>.</summary>
    public static IReadOnlyList<long> SeedRange(int count, long first = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return Enumerable.Range(0, count).Select(i => first + i).ToList();
    }
}
