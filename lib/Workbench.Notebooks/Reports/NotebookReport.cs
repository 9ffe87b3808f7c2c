using System.Globalization;
using Workbench.Notebooks.Execution;
using Workbench.Notebooks.Format;
using Workbench.Reporting;

namespace Workbench.Notebooks.Reports;

/// <summary>
/// The reproducibility report of one run: a self-contained HTML page headed by the run manifest,
/// then every cell — Markdown rendered as VS Code does (<see cref="NotebookMarkdown"/>, LaTeX by
/// embedded KaTeX), code with its compile and run times, and its outputs in
/// order (preferring <c>text/html</c>, then SVG, PNG, Markdown, plain text). plotly.js is
/// embedded once when a chart is present.
/// </summary>
public static class NotebookReport
{
    private static readonly string[] Preference = ["text/html", "image/svg+xml", "image/png", "image/jpeg", "text/markdown", "text/plain"];

    /// <summary>Builds the page.</summary>
    public static HtmlDocument Build(NotebookRunResult result, RunManifest manifest)
    {
        var doc = new HtmlDocument(manifest.Title, $"{manifest.Notebook} · {manifest.Status} · {manifest.StartedUtc}");
        doc.Manifest(manifest.Facts());
        var records = result.Cells.ToDictionary(c => c.Index);
        for (int i = 0; i < result.Executed.Cells.Count; i++)
        {
            var cell = result.Executed.Cells[i];
            if (cell.Type == CellType.Markdown)
            {
                Markdown(doc, cell.Source);
                continue;
            }
            if (cell.Type != CellType.Code) continue;
            var record = records.GetValueOrDefault(i);
            doc.Html($"<div class=\"wb-cell\" id=\"cell-{HtmlDocument.Encode(cell.Id ?? i.ToString(CultureInfo.InvariantCulture))}\">\n" +
                     $"<div class=\"wb-cell-head\">{HtmlDocument.Encode(Head(cell, record))}</div>");
            doc.Code(cell.Source, "csharp");
            foreach (var output in cell.Outputs) Output(doc, output);
            doc.Html("</div>");
        }
        return doc;
    }

    /// <summary>Markdown as VS Code shows it (<see cref="NotebookMarkdown"/>); formulas typeset offline by KaTeX.</summary>
    private static void Markdown(HtmlDocument doc, string markdown)
    {
        string html = NotebookMarkdown.ToHtml(markdown);
        doc.Html("<div class=\"wb-markdown\">\n" + html + "</div>");
        if (!NotebookMarkdown.HasMath(html)) return;
        doc.HeadOnce("katex", () => KatexAssets.HeadHtml
            ?? "<!-- KaTeX was not embedded at build time (npm missing): formulas are shown as TeX source. -->");
    }

    private static string Head(NotebookCell cell, CellRunRecord? record)
    {
        string count = cell.ExecutionCount?.ToString(CultureInfo.InvariantCulture) ?? " ";
        string tags = cell.Tags.Count == 0 ? "" : $" [{string.Join(", ", cell.Tags)}]";
        if (record is null || record.State == CellState.NotRun) return $"[{count}] {cell.Id}{tags} · not run";
        return string.Format(CultureInfo.InvariantCulture, "[{0}] {1}{2} · {3} · {4:F0} ms",
            count, cell.Id, tags, record.State, record.RunMs);
    }

    private static void Output(HtmlDocument doc, CellOutput output)
    {
        doc.Html("<div class=\"wb-output\">");
        switch (output)
        {
            case StreamOutput s:
                doc.Preformatted(s.Text, s.Name == "stderr" ? "wb-stderr" : "wb-stdout");
                break;
            case ErrorOutput e:
                doc.Preformatted(string.Join("\n", e.Traceback.Count > 0 ? e.Traceback : [$"{e.EName}: {e.EValue}"]), "wb-error");
                break;
            case DisplayDataOutput d:
                Bundle(doc, d.Data);
                break;
            case ExecuteResultOutput r:
                Bundle(doc, r.Data);
                break;
        }
        doc.Html("</div>");
    }

    private static void Bundle(HtmlDocument doc, MimeBundle data)
    {
        string? mime = Preference.FirstOrDefault(data.Contains) ?? data.MimeTypes.FirstOrDefault();
        if (mime is null) return;
        string content = data.Get(mime)!;
        switch (mime)
        {
            case "text/html":
                // The page embeds plotly.js once in its head; the copy a notebook's first chart carries is dropped.
                doc.Html(PlotlyHtml.WithoutEmbeddedPlotlyJs(content));
                break;
            case "image/svg+xml":
                doc.Html(content);
                break;
            case "image/png":
            case "image/jpeg":
                doc.ImageBase64(content, data.Get("text/plain") ?? "image", mime);
                break;
            case "text/markdown":
                Markdown(doc, content);
                break;
            default:
                doc.Preformatted(content);
                break;
        }
    }
}
