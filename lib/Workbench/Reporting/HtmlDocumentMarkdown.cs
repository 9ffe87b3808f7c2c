using System.Text;
using System.Text.RegularExpressions;

namespace Workbench.Reporting;

/// <summary>
/// The Markdown subset of <see cref="HtmlDocument.Markdown"/> (what notebook text cells use):
/// ATX headings (shifted one level down, the page title being the only <c>h1</c>), paragraphs,
/// bullet and numbered lists with nesting, block quotes, fenced code, pipe tables, horizontal
/// rules, HTML blocks, and inline code, bold, italic, links and images. Math (<c>$…$</c>) is kept as text.
/// </summary>
internal static partial class HtmlDocumentMarkdown
{
    [GeneratedRegex(@"^(#{1,6})\s+(.*?)\s*#*\s*$")]
    private static partial Regex HeadingLine();

    [GeneratedRegex(@"^\s*(```+|~~~+)\s*([\w+#.-]*)")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^\s{0,3}((\*\s*){3,}|(-\s*){3,}|(_\s*){3,})$")]
    private static partial Regex Rule();

    [GeneratedRegex(@"^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")]
    private static partial Regex TableSeparator();

    [GeneratedRegex(@"^\s*<(/?)(div|table|img|p|details|summary|br|hr|center|figure|pre|ul|ol|h[1-6]|section|iframe|svg)\b", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlBlock();

    [GeneratedRegex(@"!\[([^\]]*)\]\(((?:[^()\s]|\([^()\s]*\))+)(?:\s+&quot;[^&]*&quot;)?\)")]
    private static partial Regex ImageLink();

    [GeneratedRegex(@"\[([^\]]+)\]\(((?:[^()\s]|\([^()\s]*\))+)(?:\s+&quot;[^&]*&quot;)?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")]
    private static partial Regex Bold();

    [GeneratedRegex(@"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?!\*)|(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")]
    private static partial Regex Italic();

    [GeneratedRegex(@"(`+)(.+?)\1")]
    private static partial Regex CodeSpan();

    public static string ToHtml(string markdown)
    {
        var sb = new StringBuilder();
        Blocks(markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'), sb);
        return sb.ToString();
    }

    private static void Blocks(string[] lines, StringBuilder sb)
    {
        int i = 0;
        while (i < lines.Length)
        {
            string line = lines[i];
            if (line.Trim().Length == 0)
            {
                i++;
                continue;
            }
            if (Fence().Match(line) is { Success: true } fence)
            {
                string marker = fence.Groups[1].Value, lang = fence.Groups[2].Value;
                var code = new List<string>();
                for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith(marker, StringComparison.Ordinal); i++) code.Add(lines[i]);
                i++;
                sb.Append("<pre><code").Append(lang.Length > 0 ? $" class=\"language-{Encode(lang)}\"" : "").Append('>')
                  .Append(Encode(string.Join('\n', code))).Append("</code></pre>\n");
            }
            else if (HeadingLine().Match(line) is { Success: true } h)
            {
                int level = Math.Min(h.Groups[1].Length + 1, 6);
                sb.Append("<h").Append(level).Append('>').Append(Inline(h.Groups[2].Value)).Append("</h").Append(level).Append(">\n");
                i++;
            }
            else if (Rule().IsMatch(line))
            {
                sb.Append("<hr>\n");
                i++;
            }
            else if (line.TrimStart().StartsWith('>'))
            {
                var quoted = new List<string>();
                for (; i < lines.Length && lines[i].TrimStart().StartsWith('>'); i++)
                {
                    string q = lines[i].TrimStart()[1..];
                    quoted.Add(q.StartsWith(' ') ? q[1..] : q);
                }
                sb.Append("<blockquote>\n");
                Blocks([.. quoted], sb);
                sb.Append("</blockquote>\n");
            }
            else if (line.Contains('|') && i + 1 < lines.Length && TableSeparator().IsMatch(lines[i + 1]))
            {
                i = Table(lines, i, sb);
            }
            else if (ListItem().IsMatch(line))
            {
                i = List(lines, i, sb);
            }
            else if (HtmlBlock().IsMatch(line))
            {
                for (; i < lines.Length && lines[i].Trim().Length > 0; i++) sb.Append(lines[i]).Append('\n');
            }
            else
            {
                var para = new List<string>();
                for (; i < lines.Length && lines[i].Trim().Length > 0 && (para.Count == 0 || !StartsBlock(lines, i)); i++) para.Add(lines[i]);
                sb.Append("<p>").Append(string.Join("\n", para.Select((l, k) =>
                    Inline(l.Trim()) + (k < para.Count - 1 && (l.EndsWith("  ", StringComparison.Ordinal) || l.EndsWith('\\')) ? "<br>" : ""))))
                  .Append("</p>\n");
            }
        }
    }

    private static bool StartsBlock(string[] lines, int i) =>
        Fence().IsMatch(lines[i]) || HeadingLine().IsMatch(lines[i]) || Rule().IsMatch(lines[i]) || ListItem().IsMatch(lines[i])
        || lines[i].TrimStart().StartsWith('>') || HtmlBlock().IsMatch(lines[i])
        || (lines[i].Contains('|') && i + 1 < lines.Length && TableSeparator().IsMatch(lines[i + 1]));

    private static int List(string[] lines, int i, StringBuilder sb)
    {
        var first = ListItem().Match(lines[i]);
        int indent = first.Groups[1].Length;
        bool ordered = char.IsAsciiDigit(first.Groups[2].Value[0]);
        string open = ordered && int.TryParse(first.Groups[2].Value.TrimEnd('.', ')'), out int start) && start != 1 ? $"<ol start=\"{start}\">" : ordered ? "<ol>" : "<ul>";
        sb.Append(open).Append('\n');
        var item = new List<string>();
        void Flush()
        {
            if (item.Count == 0) return;
            string[] itemLines = [.. item];
            int nested = -1;
            for (int k = 1; k < itemLines.Length && nested < 0; k++)
            {
                if (StartsBlock(itemLines, k)) nested = k;
            }
            var text = nested < 0 ? item : item.Take(nested).ToList();
            sb.Append("<li>").Append(string.Join(" ", text.Select(t => Inline(t.Trim()))));
            if (nested >= 0)
            {
                sb.Append('\n');
                Blocks(itemLines[nested..], sb);
            }
            sb.Append("</li>\n");
            item.Clear();
        }
        while (i < lines.Length)
        {
            string line = lines[i];
            var m = ListItem().Match(line);
            int lineIndent = line.Length - line.TrimStart().Length;
            if (line.Trim().Length == 0)
            {
                int next = i + 1;
                while (next < lines.Length && lines[next].Trim().Length == 0) next++;
                if (next >= lines.Length) break;
                int nextIndent = lines[next].Length - lines[next].TrimStart().Length;
                if (!(nextIndent > indent || (ListItem().IsMatch(lines[next]) && nextIndent == indent))) break;
                i = next;
                continue;
            }
            if (m.Success && lineIndent == indent)
            {
                if (char.IsAsciiDigit(m.Groups[2].Value[0]) != ordered) break;
                Flush();
                item.Add(m.Groups[3].Value);
            }
            else if (lineIndent > indent)
            {
                item.Add(line[Math.Min(lineIndent, indent + 2)..]);
            }
            else if (!m.Success && !StartsBlock(lines, i))
            {
                item.Add(line);
            }
            else
            {
                break;
            }
            i++;
        }
        Flush();
        sb.Append(ordered ? "</ol>\n" : "</ul>\n");
        return i;
    }

    private static int Table(string[] lines, int i, StringBuilder sb)
    {
        static string[] Cells(string row)
        {
            string r = row.Trim();
            if (r.StartsWith('|')) r = r[1..];
            if (r.EndsWith('|') && !r.EndsWith("\\|", StringComparison.Ordinal)) r = r[..^1];
            return Regex.Split(r, @"(?<!\\)\|").Select(c => c.Trim().Replace("\\|", "|", StringComparison.Ordinal)).ToArray();
        }
        var header = Cells(lines[i]);
        var align = Cells(lines[i + 1]).Select(a => a.StartsWith(':') && a.EndsWith(':') ? "center" : a.EndsWith(':') ? "right" : a.StartsWith(':') ? "left" : null).ToArray();
        string Align(int c) => c < align.Length && align[c] is { } a ? $" style=\"text-align:{a}\"" : "";
        sb.Append("<table>\n<thead><tr>");
        for (int c = 0; c < header.Length; c++) sb.Append("<th").Append(Align(c)).Append('>').Append(Inline(header[c])).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        for (i += 2; i < lines.Length && lines[i].Contains('|') && lines[i].Trim().Length > 0; i++)
        {
            var cells = Cells(lines[i]);
            sb.Append("<tr>");
            for (int c = 0; c < header.Length; c++) sb.Append("<td").Append(Align(c)).Append('>').Append(c < cells.Length ? Inline(cells[c]) : "").Append("</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
        return i;
    }

    /// <summary>Inline Markdown of one line: code spans are taken literally, the rest is encoded then marked up.</summary>
    public static string Inline(string text)
    {
        var sb = new StringBuilder();
        int at = 0;
        foreach (Match code in CodeSpan().Matches(text))
        {
            sb.Append(Span(text[at..code.Index])).Append("<code>").Append(Encode(code.Groups[2].Value.Trim())).Append("</code>");
            at = code.Index + code.Length;
        }
        return sb.Append(Span(text[at..])).ToString();
    }

    private static string Span(string text)
    {
        string s = Encode(text);
        s = ImageLink().Replace(s, m => $"<img alt=\"{m.Groups[1].Value}\" src=\"{SafeUrl(m.Groups[2].Value)}\">");
        s = Link().Replace(s, m => $"<a href=\"{SafeUrl(m.Groups[2].Value)}\">{m.Groups[1].Value}</a>");
        s = Bold().Replace(s, "<strong>$2</strong>");
        s = Italic().Replace(s, m => $"<em>{(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)}</em>");
        return s;
    }

    private static string SafeUrl(string encodedUrl) =>
        encodedUrl.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) ? "#" : encodedUrl;

    private static string Encode(string text) => HtmlDocument.Encode(text);
}
