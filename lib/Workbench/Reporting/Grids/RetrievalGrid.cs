using System.Globalization;
using System.Net;
using System.Text;
using StbImageWriteSharp;

namespace Workbench.Reporting.Grids;

/// <summary>
/// An OML-style retrieval grid: one row per selected query, the query first (blue frame), then its
/// top-k database results framed green (relevant) or red (not relevant). Drawn on
/// <see cref="ImageGrid"/>; written as one PNG, or as HTML with a caption under every tile (ids,
/// class names, ✓/✗ so the verdict does not rely on colour alone, and the per-query metric).
/// </summary>
public sealed class RetrievalGrid
{
    private readonly RetrievalGridSource _source;
    private readonly QuerySelection _selection;

    private RetrievalGrid(RetrievalGridSource source, QuerySelection selection, int[] queries, int topK, ImageGrid canvas)
    {
        (_source, _selection, Queries, TopK, Canvas) = (source, selection, queries, topK, canvas);
    }

    /// <summary>The queries shown, one per row, in order.</summary>
    public IReadOnlyList<int> Queries { get; }

    /// <summary>Results shown per query (columns after the query column).</summary>
    public int TopK { get; }

    /// <summary>The drawn canvas: <see cref="Queries"/>.Count rows × (1 + <see cref="TopK"/>) columns.</summary>
    public ImageGrid Canvas { get; }

    /// <summary>Draws the grid.</summary>
    /// <param name="source">Images, rankings and relevance.</param>
    /// <param name="selection">Which queries to show.</param>
    /// <param name="topK">Results per query (≥ 1). Queries with shorter rankings leave cells empty.</param>
    /// <param name="cellSize">Tile size in pixels; larger images are scaled down, smaller ones centred.</param>
    public static RetrievalGrid Build(RetrievalGridSource source, QuerySelection selection, int topK = 5, int cellSize = 96)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(selection);
        if (topK < 1) throw new ArgumentOutOfRangeException(nameof(topK), "topK must be at least 1.");
        if (cellSize < 8) throw new ArgumentOutOfRangeException(nameof(cellSize), "cellSize must be at least 8 pixels.");
        var queries = selection.Select(source.QueryCount);
        if (queries.Length == 0) throw new ArgumentException("The selection picked no query (all metric values NaN?).", nameof(selection));
        var canvas = new ImageGrid(queries.Length, 1 + topK, cellSize, cellSize, padding: 5, frame: 4);
        for (int r = 0; r < queries.Length; r++)
        {
            int q = queries[r];
            using (var image = source.QueryImage(q)) canvas.Set(r, 0, image, Rgb.Query);
            var ranked = source.RankedIds[q];
            for (int k = 0; k < Math.Min(topK, ranked.Length); k++)
            {
                using var image = source.DatabaseImage(ranked[k]);
                canvas.Set(r, 1 + k, image, source.Relevance[q][k] ? Rgb.Relevant : Rgb.Irrelevant);
            }
        }
        return new RetrievalGrid(source, selection, queries, topK, canvas);
    }

    /// <summary>The grid as PNG bytes (no text; see <see cref="ToHtml"/> for captions).</summary>
    public byte[] ToPng() => Canvas.ToPng();

    /// <summary>Writes the PNG, creating the folder.</summary>
    public void SavePng(string path) => Canvas.SavePng(path);

    /// <summary>
    /// A self-contained HTML fragment: a heading naming the selection, then a table with one row per
    /// query, each tile an <c>&lt;img&gt;</c> data URI with a caption.
    /// </summary>
    public string ToHtml(string? title = null)
    {
        var sb = new StringBuilder("<div class=\"wb-retrieval-grid\">\n");
        sb.Append("<p style=\"font-weight:bold;margin:4px 0\">").Append(WebUtility.HtmlEncode(title ?? $"Retrieval results: {_selection.Description}, top {TopK}"))
          .Append("</p>\n<p style=\"margin:2px 0;font-size:small\">Frames: <span style=\"color:").Append(Rgb.Query.ToCss()).Append("\">query</span>, <span style=\"color:")
          .Append(Rgb.Relevant.ToCss()).Append("\">✓ relevant</span>, <span style=\"color:").Append(Rgb.Irrelevant.ToCss()).Append("\">✗ not relevant</span>.</p>\n");
        sb.Append("<table style=\"border-collapse:collapse\">\n");
        for (int r = 0; r < Queries.Count; r++)
        {
            int q = Queries[r];
            sb.Append("<tr>");
            Cell(sb, r, 0, QueryCaption(q), $"query {q}");
            var ranked = _source.RankedIds[q];
            for (int k = 0; k < TopK; k++)
            {
                if (k >= ranked.Length) { sb.Append("<td style=\"padding:2px;vertical-align:top;font-size:small\">—</td>"); continue; }
                string verdict = _source.Relevance[q][k] ? "✓" : "✗";
                string label = _source.DatabaseLabels is null ? "" : "<br/>" + WebUtility.HtmlEncode(_source.ClassText(_source.DatabaseLabels[ranked[k]]));
                Cell(sb, r, 1 + k, $"{verdict} #{k + 1} · id {ranked[k]}{label}",
                    $"result {k + 1} of query {q}: id {ranked[k]}, {(_source.Relevance[q][k] ? "relevant" : "not relevant")}");
            }
            sb.Append("</tr>\n");
        }
        return sb.Append("</table>\n</div>").ToString();
    }

    private string QueryCaption(int q)
    {
        var sb = new StringBuilder("query ").Append(q);
        if (_source.QueryLabels is not null) sb.Append("<br/>").Append(WebUtility.HtmlEncode(_source.ClassText(_source.QueryLabels[q])));
        if (_selection.Metric is { } m)
            sb.Append("<br/>").Append(WebUtility.HtmlEncode(_selection.MetricName ?? "metric")).Append(" = ").Append(m[q].ToString("0.###", CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>One table cell: the tile cropped from the canvas (with its frame), a caption (already HTML) and alt text.</summary>
    private void Cell(StringBuilder sb, int row, int column, string captionHtml, string alt)
    {
        int w = Canvas.CellWidth + 2 * Canvas.Padding, h = Canvas.CellHeight + 2 * Canvas.Padding;
        int x0 = column * w, y0 = row * h;
        var tile = new byte[w * h * 3];
        var pixels = Canvas.Pixels;
        for (int y = 0; y < h; y++) pixels.Slice(((y0 + y) * Canvas.Width + x0) * 3, w * 3).CopyTo(tile.AsSpan(y * w * 3));
        using var ms = new MemoryStream();
        new ImageWriter().WritePng(tile, w, h, ColorComponents.RedGreenBlue, ms);
        sb.Append("<td style=\"padding:2px;vertical-align:top;text-align:center;font-size:small\"><img width=\"").Append(w).Append("\" height=\"").Append(h)
          .Append("\" alt=\"").Append(WebUtility.HtmlEncode(alt)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(ms.ToArray())).Append("\"/><br/>")
          .Append(captionHtml).Append("</td>");
    }
}
