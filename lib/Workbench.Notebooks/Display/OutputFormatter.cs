using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using Workbench.Notebooks.Format;
using Workbench.Reporting;
using Workbench.Reporting.Grids;
using static TorchSharp.torch;

namespace Workbench.Notebooks.Display;

/// <summary>
/// Turns a value into the MIME bundle of a notebook output. Formatters registered with
/// <c>Microsoft.DotNet.Interactive.Formatting.Formatter.Register</c> win for their MIME type;
/// otherwise the workbench's built-ins apply: Plotly.NET charts as HTML with a deterministic div
/// id (plotly.js is not embedded in the output; reports embed it once), DataFrames as an HTML
/// table, tensors as a short summary, <see cref="ImageGrid"/>s and other images (objects with a
/// <c>byte[] ToPng()</c> method) as <c>image/png</c>; any other value goes to the Formatting package. <c>text/plain</c> is always present.
/// </summary>
public static class OutputFormatter
{
    /// <summary>The bundle for <paramref name="value"/>.</summary>
    /// <param name="value">The value to show (null shows <c>&lt;null&gt;</c>).</param>
    /// <param name="mimeTypes">The MIME types to produce, or null for the value's preferred ones.</param>
    /// <param name="nextChartId">Gives the div id of the next chart (e.g. <c>nb-c6-o0</c>).</param>
    public static MimeBundle Format(object? value, IReadOnlyList<string>? mimeTypes, Func<string> nextChartId)
    {
        ArgumentNullException.ThrowIfNull(nextChartId);
        var bundle = new MimeBundle();
        if (value is null) return bundle.Set("text/plain", "<null>");
        var type = value.GetType();
        var wanted = new List<string>(mimeTypes ?? PreferredMimeTypes(value, type));
        foreach (var f in Formatter.RegisteredFormatters(false))
        {
            if (mimeTypes is null && f.Type.IsAssignableFrom(type) && !wanted.Contains(f.MimeType)) wanted.Add(f.MimeType);
        }
        if (!wanted.Contains("text/plain")) wanted.Add("text/plain");
        foreach (var mime in wanted)
        {
            string? content = Registered(type, mime) is { } registered
                ? value.ToDisplayString(registered)
                : BuiltIn(value, mime, nextChartId) ?? value.ToDisplayString(mime);
            bundle.Set(mime, content);
        }
        return bundle;
    }

    private static IEnumerable<string> PreferredMimeTypes(object value, Type type) => value switch
    {
        string or ValueType => ["text/plain"],
        GenericChart or DataFrame or IHtmlContent => ["text/html"],
        Tensor => ["text/plain"],
        _ when PngOf(value) is not null => ["image/png"],
        _ => Formatter.GetPreferredMimeTypesFor(type),
    };

    private static string? BuiltIn(object value, string mime, Func<string> nextChartId) => (value, mime) switch
    {
        (string s, "text/plain") => s,
        (GenericChart c, "text/html") => PlotlyHtml.ChartHtml(c, nextChartId()),
        (GenericChart c, "text/plain") => PlotlyHtml.Summary(c),
        (DataFrame d, "text/html") => TableHtml.Render(d),
        (DataFrame d, "text/plain") => TableHtml.PlainText(d),
        (Tensor t, "text/plain") => TensorSummary.Describe(t),
        (ImageGrid g, "text/html") => g.ToHtml(),
        (ImageGrid g, "text/plain") => $"ImageGrid {g.Rows}×{g.Columns} cells, {g.Width}×{g.Height} px",
        (RetrievalGrid g, "text/html") => g.ToHtml(),
        (RetrievalGrid g, "text/plain") => $"RetrievalGrid: {g.Queries.Count} queries, top {g.TopK}",
        (IHtmlContent h, "text/html") => HtmlOf(h),
        (IHtmlContent h, "text/plain") => HtmlOf(h),
        (_, "image/png") when PngOf(value) is { } png => Convert.ToBase64String(png),
        (_, "text/plain") when PngOf(value) is { } png => $"{value.GetType().Name} (PNG, {png.Length} bytes)",
        _ => null,
    };

    private static ITypeFormatter? Registered(Type type, string mime)
    {
        ITypeFormatter? best = null;
        foreach (var f in Formatter.RegisteredFormatters(false))
        {
            if (f.MimeType != mime || !f.Type.IsAssignableFrom(type)) continue;
            if (best is null || (best.Type != f.Type && best.Type.IsAssignableFrom(f.Type))) best = f;
        }
        return best;
    }

    private static string HtmlOf(IHtmlContent html)
    {
        using var w = new StringWriter();
        html.WriteTo(w, HtmlEncoder.Default);
        return w.ToString();
    }

    /// <summary>The PNG bytes of an image-like value: a public parameterless <c>byte[] ToPng()</c> method.</summary>
    internal static byte[]? PngOf(object value) =>
        value.GetType().GetMethod("ToPng", Type.EmptyTypes) is { ReturnType: var r } m && r == typeof(byte[])
            ? (byte[]?)m.Invoke(value, null)
            : null;
}
