using System.Text;
using System.Text.RegularExpressions;

namespace Workbench.Notebooks.Reports;

/// <summary>
/// KaTeX 0.16 (npm, embedded at build time; see Workbench.Notebooks.csproj) as one offline block
/// for a page's head: its style with the woff2 fonts inlined as data URIs, its script, and a
/// renderer that typesets every <c>.math</c> element that <see cref="NotebookMarkdown"/> writes
/// (<c>\(…\)</c> inline, <c>\[…\]</c> display) once the page has loaded.
/// </summary>
public static partial class KatexAssets
{
    private const string Prefix = "katex/";

    [GeneratedRegex("""url\(fonts/(?<file>[A-Za-z0-9_-]+\.woff2)\) format\("woff2"\)(?:,url\(fonts/[^)]+\) format\("[a-z]+"\))*""")]
    private static partial Regex FontSources();

    private static readonly Lazy<string?> Block = new(Build);

    /// <summary>True when the build embedded KaTeX (npm was available at build time).</summary>
    public static bool Available => Read("katex.min.js") is not null;

    /// <summary>The head markup (about 0.6 MB), or null when KaTeX is not embedded.</summary>
    public static string? HeadHtml => Block.Value;

    private static string? Build()
    {
        string? script = Read("katex.min.js"), style = Read("katex.min.css");
        if (script is null || style is null) return null;
        // Only woff2 (every current browser reads it), inlined: the page needs no files beside it.
        style = FontSources().Replace(style, m => Font(m.Groups["file"].Value) is { } data
            ? $"url(data:font/woff2;base64,{data}) format(\"woff2\")"
            : m.Value);
        var sb = new StringBuilder();
        sb.Append("<style data-wb-katex>").Append(style).Append("</style>\n");
        sb.Append("<script data-wb-katex>").Append(script.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)).Append("</script>\n");
        sb.Append("<script>document.addEventListener('DOMContentLoaded',function(){")
          .Append("document.querySelectorAll('.math').forEach(function(e){")
          .Append("var t=e.textContent.trim(),d=e.tagName==='DIV'||e.classList.contains('math-display')||t.indexOf('\\\\[')===0;")
          .Append("t=t.replace(/^\\\\[\\(\\[]/,'').replace(/\\\\[\\)\\]]$/,'');")
          .Append("try{katex.render(t,e,{displayMode:d,throwOnError:false});e.classList.add('wb-math-rendered');}catch(x){}")
          .Append("});});</script>");
        return sb.ToString();
    }

    private static string? Font(string file)
    {
        using var s = typeof(KatexAssets).Assembly.GetManifestResourceStream(Prefix + "fonts/" + file);
        if (s is null) return null;
        using var m = new MemoryStream();
        s.CopyTo(m);
        return Convert.ToBase64String(m.ToArray());
    }

    private static string? Read(string name)
    {
        using var s = typeof(KatexAssets).Assembly.GetManifestResourceStream(Prefix + name);
        if (s is null) return null;
        using var r = new StreamReader(s, Encoding.UTF8);
        return r.ReadToEnd();
    }
}
