using System.Globalization;
using System.Text;
using Workbench.Reporting;

namespace Workbench.Notebooks.Reports;

/// <summary>The index page of a report folder: one row per notebook run with its status, time and parameters, linking each report.</summary>
public static class ReportIndex
{
    /// <summary>Builds the index over <paramref name="runs"/>, headed by a manifest of the shared facts.</summary>
    /// <param name="runs">The manifests, in display order.</param>
    /// <param name="title">The page title.</param>
    /// <param name="facts">Facts shared by all runs (preset, commit, …); the commit and packages of the first run are added.</param>
    public static HtmlDocument Build(IReadOnlyList<RunManifest> runs, string title, IEnumerable<(string Name, string Value)> facts)
    {
        var doc = new HtmlDocument(title, $"{runs.Count} notebook(s) · {runs.Count(r => r.ExitCode == 0)} succeeded");
        var all = facts.ToList();
        if (runs.Count > 0)
        {
            all.Add(("commit", runs[0].GitCommit ?? "(not in a git checkout)"));
            all.Add(("packages", string.Join(", ", runs[0].Packages.Select(p => $"{p.Key} {p.Value}"))));
            all.Add(("runtime", runs[0].Runtime));
            all.Add(("total wall time", string.Format(CultureInfo.InvariantCulture, "{0:F1} s", runs.Sum(r => r.WallMs) / 1000)));
        }
        doc.Manifest(all);
        doc.Section("Notebooks");
        var sb = new StringBuilder("<table class=\"wb-index\">\n<thead><tr><th>notebook</th><th>status</th><th>wall</th><th>cells</th><th>parameters</th><th>executed notebook</th></tr></thead>\n<tbody>\n");
        foreach (var r in runs)
        {
            bool ok = r.ExitCode == 0;
            sb.Append("<tr><td><a href=\"").Append(Uri.EscapeDataString(r.Report)).Append("\">").Append(HtmlDocument.Encode(r.Title)).Append("</a><br><small>")
              .Append(HtmlDocument.Encode(r.Notebook)).Append("</small></td>")
              .Append("<td class=\"").Append(ok ? "wb-status-ok" : "wb-status-failed").Append("\">").Append(HtmlDocument.Encode(r.Status))
              .Append(ok ? "" : $"<br><small>{HtmlDocument.Encode(r.Message ?? "")}</small>").Append("</td>")
              .Append("<td style=\"text-align:right\">").Append((r.WallMs / 1000).ToString("F1", CultureInfo.InvariantCulture)).Append(" s</td>")
              .Append("<td style=\"text-align:right\">").Append(r.Cells.Count(c => c.ExecutionCount is not null)).Append(" / ").Append(r.Cells.Count).Append("</td>")
              .Append("<td>").Append(HtmlDocument.Encode(string.Join(", ", r.Parameters.Where(p => p.Value.EndsWith("(given)", StringComparison.Ordinal))
                  .Select(p => $"{p.Key} = {p.Value[..^8]}")))).Append("</td>")
              .Append("<td><a href=\"").Append(Uri.EscapeDataString(r.Executed)).Append("\">").Append(HtmlDocument.Encode(r.Executed)).Append("</a></td></tr>\n");
        }
        sb.Append("</tbody>\n</table>");
        doc.Html(sb.ToString());
        return doc;
    }
}
