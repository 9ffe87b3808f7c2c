using Workbench.Reporting.Charts;

namespace Workbench.Reporting.Tables;

/// <summary>One published number, with where it comes from.</summary>
/// <param name="Paper">Which of the workbench's papers: <c>SPQ</c>, <c>Facility location</c> (UCDIR has none on file).</param>
/// <param name="Dataset">Dataset as the paper names it, e.g. <c>CIFAR-10</c>.</param>
/// <param name="Setting">Setting, e.g. <c>32 bits</c> or <c>embedding 64</c>.</param>
/// <param name="Method">Method as the paper names it, e.g. <c>Triplet semi-hard</c>.</param>
/// <param name="Metric">Metric, e.g. <c>mAP@1000</c>, <c>R@1</c>, <c>NMI</c>.</param>
/// <param name="Value">The published value, in <paramref name="Scale"/>.</param>
/// <param name="Scale">Fraction (0–1) or percent, as published.</param>
/// <param name="Status"><c>paper</c> (cross-checked with a secondary source) or <c>paper, verify</c> (not re-read from the PDF; check before citing).</param>
/// <param name="Source">Citation of the paper and table.</param>
/// <param name="Note">Secondary evidence, e.g. an issue that quotes the value.</param>
public sealed record PaperResult(string Paper, string Dataset, string Setting, string Method, string Metric, double Value,
    ValueScale Scale, string Status, string Source, string Note)
{
    /// <summary>True when the value could not be re-read from the paper and must be checked before it is cited.</summary>
    public bool NeedsVerification => Status.Contains("verify", StringComparison.OrdinalIgnoreCase);
}
