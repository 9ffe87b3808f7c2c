using System.Text;
using Microsoft.Data.Analysis;
using Plotly.NET;

namespace Workbench.Reporting;

/// <summary>
/// A self-contained HTML page: a title, a run-manifest block, sections with headings, text,
/// Markdown, tables, Plotly.NET charts and images. plotly.js is embedded once in the head, from
/// Plotly.NET's own resource, only when the page has a chart; images are data URIs. The page
/// loads nothing from the network, so it renders from <c>file://</c>, in CI artifacts and offline.
/// </summary>
/// <example>
/// <code>
/// var doc = new HtmlDocument("SPQ ablation");
/// doc.Manifest([("commit", sha), ("preset", "reduced")]);
/// doc.Section("Results").Table(frame).Chart(curve);
/// doc.Save("artifacts/reports/spq.html");
/// </code>
/// </example>
public sealed partial class HtmlDocument
{
    private readonly StringBuilder _body = new();
    private bool _sectionOpen;
    private bool _needsPlotly;
    private int _charts;
    private readonly HashSet<string> _anchors = new(StringComparer.Ordinal);

    /// <summary>Creates an empty page.</summary>
    /// <param name="title">The page title, shown as its <c>h1</c>.</param>
    /// <param name="subtitle">An optional line under the title.</param>
    public HtmlDocument(string title, string? subtitle = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Title = title;
        Subtitle = subtitle;
    }

    /// <summary>The page title.</summary>
    public string Title { get; }

    /// <summary>The line under the title, if any.</summary>
    public string? Subtitle { get; }

    /// <summary>True once a chart (or HTML that draws one) has been added: the page then embeds plotly.js.</summary>
    public bool EmbedsPlotly => _needsPlotly;

    /// <summary>
    /// The run manifest: a box of facts (commit, package versions, parameters, timings) at the
    /// current position, normally right under the title.
    /// </summary>
    /// <param name="facts">Name and value pairs, in display order; multi-line values are kept.</param>
    /// <param name="heading">The box's heading.</param>
    public HtmlDocument Manifest(IEnumerable<(string Name, string Value)> facts, string heading = "Run manifest")
    {
        _body.Append("<section class=\"wb-manifest\"><h2>").Append(Encode(heading)).Append("</h2>\n<table>\n");
        foreach (var (name, value) in facts)
        {
            _body.Append("<tr><th>").Append(Encode(name)).Append("</th><td>")
                 .Append(Encode(value).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</td></tr>\n");
        }
        _body.Append("</table></section>\n");
        return this;
    }

    /// <summary>Starts a section with an <c>h2</c> heading (closing the previous one).</summary>
    /// <param name="heading">The heading text.</param>
    /// <param name="id">The anchor id (default: derived from the heading); made unique on the page.</param>
    public HtmlDocument Section(string heading, string? id = null)
    {
        CloseSection();
        string anchor = Anchor(id ?? heading);
        _body.Append("<section id=\"").Append(anchor).Append("\">\n<h2>").Append(Encode(heading)).Append("</h2>\n");
        _sectionOpen = true;
        return this;
    }

    /// <summary>A heading of level 2 to 6 inside the current section.</summary>
    public HtmlDocument Heading(string text, int level = 3)
    {
        if (level is < 2 or > 6) throw new ArgumentOutOfRangeException(nameof(level), level, "Use levels 2 to 6 (the title is the page's only h1).");
        _body.Append("<h").Append(level).Append(" id=\"").Append(Anchor(text)).Append("\">").Append(Encode(text)).Append("</h").Append(level).Append(">\n");
        return this;
    }

    /// <summary>A paragraph of plain text (HTML-encoded).</summary>
    public HtmlDocument Paragraph(string text)
    {
        _body.Append("<p>").Append(Encode(text)).Append("</p>\n");
        return this;
    }

    /// <summary>Markdown text: headings, paragraphs, lists, block quotes, fenced code, pipe tables, emphasis, code spans and links.</summary>
    public HtmlDocument Markdown(string markdown)
    {
        _body.Append("<div class=\"wb-markdown\">\n").Append(HtmlDocumentMarkdown.ToHtml(markdown ?? "")).Append("</div>\n");
        return this;
    }

    /// <summary>A table (<see cref="TableHtml.Render"/>), with an optional caption above it.</summary>
    public HtmlDocument Table(DataFrame frame, int maxRows = 50, string? caption = null)
    {
        if (caption is not null) _body.Append("<p class=\"wb-caption\">").Append(Encode(caption)).Append("</p>\n");
        _body.Append(TableHtml.Render(frame, maxRows)).Append('\n');
        return this;
    }

    /// <summary>A chart, drawn with the embedded plotly.js into a div with id <c>wb-c{n}</c> (n counts the page's charts).</summary>
    public HtmlDocument Chart(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        string id = "wb-c" + _charts++;
        string style = PlotlyHtml.DivStyle(chart);
        string figure = PlotlyHtml.ScriptSafeFigureJson(chart);
        _body.Append("<div class=\"wb-chart\" id=\"").Append(id).Append("\" style=\"").Append(style).Append("\"></div>\n")
             .Append("<script>(function(){var fig=").Append(figure).Append(";Plotly.newPlot('").Append(id)
             .Append("',fig.data,fig.layout,").Append(PlotlyHtml.ConfigJson(chart)).Append(");})();</script>\n");
        _needsPlotly = true;
        return this;
    }

    /// <summary>An image embedded as a data URI.</summary>
    /// <param name="bytes">The encoded image.</param>
    /// <param name="alt">Alternative text.</param>
    /// <param name="mimeType">Its type (default <c>image/png</c>).</param>
    /// <param name="width">Display width in CSS pixels (default: natural size, at most the page width).</param>
    public HtmlDocument Image(byte[] bytes, string alt, string mimeType = "image/png", int? width = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return ImageBase64(Convert.ToBase64String(bytes), alt, mimeType, width);
    }

    /// <summary>An image from base64 data (as stored in notebooks), embedded as a data URI.</summary>
    public HtmlDocument ImageBase64(string base64, string alt, string mimeType = "image/png", int? width = null)
    {
        _body.Append("<img class=\"wb-image\" alt=\"").Append(Encode(alt)).Append('"')
             .Append(width is null ? "" : $" width=\"{width}\"").Append(" src=\"data:").Append(Encode(mimeType)).Append(";base64,")
             .Append(base64.Replace("\n", "", StringComparison.Ordinal)).Append("\">\n");
        return this;
    }

    /// <summary>Source code in a <c>pre</c> block.</summary>
    public HtmlDocument Code(string source, string? language = null)
    {
        _body.Append("<pre class=\"wb-code\"><code").Append(language is null ? "" : $" class=\"language-{Encode(language)}\"").Append('>')
             .Append(Encode(source)).Append("</code></pre>\n");
        return this;
    }

    /// <summary>Plain text in a <c>pre</c> block with an optional CSS class (<c>wb-stderr</c>, <c>wb-error</c>, …).</summary>
    public HtmlDocument Preformatted(string text, string? cssClass = null)
    {
        _body.Append("<pre").Append(cssClass is null ? "" : $" class=\"{Encode(cssClass)}\"").Append('>').Append(Encode(text)).Append("</pre>\n");
        return this;
    }

    /// <summary>Trusted HTML, inserted as is. HTML that draws charts with <c>Plotly</c> makes the page embed plotly.js.</summary>
    /// <param name="html">The markup.</param>
    /// <param name="usesPlotly">True when the markup needs plotly.js (detected when it calls <c>newPlot(</c>).</param>
    public HtmlDocument Html(string html, bool usesPlotly = false)
    {
        ArgumentNullException.ThrowIfNull(html);
        _body.Append(html).Append('\n');
        _needsPlotly |= usesPlotly || html.Contains("newPlot(", StringComparison.Ordinal);
        return this;
    }

    /// <summary>
    /// Adds trusted markup (styles, scripts) to the page's head once per <paramref name="key"/>,
    /// after plotly.js; e.g. an offline math renderer the body needs.
    /// </summary>
    /// <param name="key">Identifies the addition; a second call with the same key is ignored.</param>
    /// <param name="html">The markup.</param>
    public HtmlDocument HeadOnce(string key, Func<string> html)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (!_head.ContainsKey(key)) _head[key] = html();
        return this;
    }

    private readonly Dictionary<string, string> _head = new(StringComparer.Ordinal);

    /// <summary>The complete page.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder(_body.Length + (_needsPlotly ? PlotlyHtml.PlotlyJs.Length : 0) + 4096);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<meta name=\"generator\" content=\"Retrieval Workbench\">\n")
          .Append("<title>").Append(Encode(Title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n");
        if (_needsPlotly) sb.Append(PlotlyHtml.PlotlyJsScriptTag()).Append('\n');
        foreach (var extra in _head.Values) sb.Append(extra).Append('\n');
        sb.Append("</head>\n<body>\n<main>\n<h1>").Append(Encode(Title)).Append("</h1>\n");
        if (Subtitle is not null) sb.Append("<p class=\"wb-subtitle\">").Append(Encode(Subtitle)).Append("</p>\n");
        sb.Append(_body);
        if (_sectionOpen) sb.Append("</section>\n");
        sb.Append("</main>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>Writes <see cref="ToHtml"/> as UTF-8 (no BOM), creating the folder if needed.</summary>
    public void Save(string path)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        File.WriteAllText(path, ToHtml(), new UTF8Encoding(false));
    }

    /// <summary>HTML-encodes text: <c>&amp; &lt; &gt; " '</c> only (other characters stay as they are; the page is UTF-8).</summary>
    public static string Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    private void CloseSection()
    {
        if (!_sectionOpen) return;
        _body.Append("</section>\n");
        _sectionOpen = false;
    }

    private string Anchor(string text)
    {
        var sb = new StringBuilder();
        foreach (char c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        string baseId = sb.ToString().Trim('-') is { Length: > 0 } s ? s : "section";
        string id = baseId;
        for (int k = 2; !_anchors.Add(id); k++) id = $"{baseId}-{k}";
        return id;
    }
}
