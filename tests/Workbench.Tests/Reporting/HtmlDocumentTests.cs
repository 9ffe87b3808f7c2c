using System.Text.RegularExpressions;
using Microsoft.Data.Analysis;
using Workbench.Reporting;

namespace Workbench.Tests.Reporting;

public class HtmlDocumentTests
{
    private static Plotly.NET.GenericChart Line() =>
        Plotly.NET.CSharp.Chart.Line<double, double, string>(new[] { 1.0, 2, 3 }, new[] { 3.0, 1, 2 });

    [Fact]
    public void Plotly_js_is_embedded_once_and_only_when_a_chart_is_present()
    {
        string without = new HtmlDocument("t").Paragraph("x").ToHtml();
        Assert.DoesNotContain("plotly.js v", without);
        Assert.True(without.Length < 10_000);

        var doc = new HtmlDocument("Loss curves").Section("Charts").Chart(Line()).Chart(Line());
        string html = doc.ToHtml();
        Assert.True(doc.EmbedsPlotly);
        Assert.Single(Regex.Matches(html, "plotly.js v2\\.28\\.0"));
        Assert.Contains("<div class=\"wb-chart\" id=\"wb-c0\"", html);
        Assert.Contains("<div class=\"wb-chart\" id=\"wb-c1\"", html);
        Assert.Contains("Plotly.newPlot('wb-c1',", html);
    }

    [Fact]
    public void The_page_loads_nothing_from_the_network()
    {
        string html = new HtmlDocument("t").Chart(Line()).Image([1, 2, 3], "grid").Html(PlotlyHtml.ChartHtml(Line(), "nb-c1-o0")).ToHtml();
        Assert.DoesNotMatch("<script[^>]+src=", html);
        Assert.DoesNotMatch("<link[^>]+href=", html);
        Assert.DoesNotMatch("<img[^>]+src=\"http", html);
        Assert.Contains("<img class=\"wb-image\" alt=\"grid\" src=\"data:image/png;base64,AQID\">", html);
    }

    [Fact]
    public void Manifest_sections_and_text_are_encoded_and_anchors_are_unique()
    {
        var df = new DataFrame(new StringDataFrameColumn("method", ["<IW>"]));
        string html = new HtmlDocument("A & B", "sub")
            .Manifest([("commit", "abc"), ("parameters", "epochs = 3\nbits = \"<64>\"")])
            .Section("Results").Paragraph("1 < 2").Table(df, caption: "Table 1")
            .Section("Results").Heading("Notes", 3).Code("if (a < b) {}", "csharp").Preformatted("err", "wb-error")
            .ToHtml();
        Assert.Contains("<title>A &amp; B</title>", html);
        Assert.Contains("<tr><th>parameters</th><td>epochs = 3<br>bits = &quot;&lt;64&gt;&quot;</td></tr>", html);
        Assert.Contains("<section id=\"results\">", html);
        Assert.Contains("<section id=\"results-2\">", html);
        Assert.Contains("<p>1 &lt; 2</p>", html);
        Assert.Contains("&lt;IW&gt;", html);
        Assert.Contains("<pre class=\"wb-code\"><code class=\"language-csharp\">if (a &lt; b) {}</code></pre>", html);
        Assert.Equal(2, Regex.Matches(html, "</section>").Count - 1); // two sections plus the manifest box
        Assert.Throws<ArgumentOutOfRangeException>(() => new HtmlDocument("t").Heading("x", 1));
    }

    [Theory]
    [InlineData("# Title", "<h2>Title</h2>")]
    [InlineData("para one\nstill one\n\npara two", "<p>para one\nstill one</p>\n<p>para two</p>")]
    [InlineData("**bold** and *it* and _it2_ and `a**b**<c>`", "<p><strong>bold</strong> and <em>it</em> and <em>it2</em> and <code>a**b**&lt;c&gt;</code></p>")]
    [InlineData("snake_case_name stays", "<p>snake_case_name stays</p>")]
    [InlineData("[paper](https://arxiv.org/abs/1612.01213) [x](javascript:alert(1))", "<p><a href=\"https://arxiv.org/abs/1612.01213\">paper</a> <a href=\"#\">x</a></p>")]
    [InlineData("- a\n- b\n  - b1\n- c", "<ul>\n<li>a</li>\n<li>b\n<ul>\n<li>b1</li>\n</ul>\n</li>\n<li>c</li>\n</ul>")]
    [InlineData("3. three\n4. four", "<ol start=\"3\">\n<li>three</li>\n<li>four</li>\n</ol>")]
    [InlineData("```csharp\nvar x = a < b;\n```", "<pre><code class=\"language-csharp\">var x = a &lt; b;</code></pre>")]
    [InlineData("| method | P@1 |\n|:--|--:|\n| IW | 0.51 |", "<table>\n<thead><tr><th style=\"text-align:left\">method</th><th style=\"text-align:right\">P@1</th></tr></thead>\n<tbody>\n<tr><td style=\"text-align:left\">IW</td><td style=\"text-align:right\">0.51</td></tr>\n</tbody>\n</table>")]
    [InlineData("> quoted **text**", "<blockquote>\n<p>quoted <strong>text</strong></p>\n</blockquote>")]
    [InlineData("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")]
    [InlineData("---", "<hr>")]
    public void Markdown_subset_renders_as_expected(string markdown, string expected)
    {
        string html = new HtmlDocument("t").Markdown(markdown).ToHtml();
        int start = html.IndexOf("<div class=\"wb-markdown\">\n", StringComparison.Ordinal) + "<div class=\"wb-markdown\">\n".Length;
        int end = html.IndexOf("</div>", start, StringComparison.Ordinal);
        Assert.Equal(expected, html[start..end].TrimEnd('\n'));
    }

    [Fact]
    public void Save_writes_a_utf8_file_and_creates_the_folder()
    {
        string dir = Path.Combine(Path.GetTempPath(), "wb-htmldoc-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            new HtmlDocument("Café").Save(Path.Combine(dir, "sub", "page.html"));
            byte[] bytes = File.ReadAllBytes(Path.Combine(dir, "sub", "page.html"));
            Assert.Equal((byte)'<', bytes[0]);
            Assert.Contains("<title>Café</title>", System.Text.Encoding.UTF8.GetString(bytes));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
