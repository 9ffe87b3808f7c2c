namespace Workbench.Reporting.Charts;

/// <summary>One method's bars in a grouped bar chart: a mean per category and an optional spread.</summary>
/// <param name="Name">Legend entry (method, variant, preset), e.g. <c>"SPQ · Official · reduced"</c>.</param>
/// <param name="Means">One value per category.</param>
/// <param name="Sds">One standard deviation per category (drawn as ± error bars; NaN, e.g. n = 1, draws none); null for no bars.</param>
/// <param name="ColorKey">Palette key; default <paramref name="Name"/>. Use the method name so variants of one method share its colour family.</param>
public sealed record BarSeries(string Name, IReadOnlyList<double> Means, IReadOnlyList<double>? Sds = null, string? ColorKey = null);
