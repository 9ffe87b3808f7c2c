namespace Workbench.Reporting.Charts;

/// <summary>One method's curve: matching x and y arrays.</summary>
/// <param name="Name">Legend entry, e.g. <c>"SPQ 32 bits"</c>.</param>
/// <param name="X">x values (cut-offs K or N, or recall for a PR curve).</param>
/// <param name="Y">y values (same length as <paramref name="X"/>).</param>
/// <param name="ColorKey">Palette key; default <paramref name="Name"/>.</param>
public sealed record CurveSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, string? ColorKey = null);
