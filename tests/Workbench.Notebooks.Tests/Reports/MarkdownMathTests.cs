using System.Text.RegularExpressions;
using Workbench.Notebooks.Execution;
using Workbench.Notebooks.Format;
using Workbench.Notebooks.Reports;

namespace Workbench.Notebooks.Tests.Reports;

public class MarkdownMathTests
{
    [Fact]
    public void Code_spans_keep_the_text_around_them_as_in_VS_Code()
    {
        string html = NotebookMarkdown.ToHtml("Centroids are replaced (the seed read literally; `seedCentroidUpdate=ema`\nor `runningMean` are options), re-normalised; `p_ij * z_i` is summed over *i*.");
        Assert.Equal("<p>Centroids are replaced (the seed read literally; <code>seedCentroidUpdate=ema</code>\nor <code>runningMean</code> are options), re-normalised; <code>p_ij * z_i</code> is summed over <em>i</em>.</p>\n", html);
        Assert.Contains("<td><code>smoke</code></td>", NotebookMarkdown.ToHtml("| preset | time |\n|---|---|\n| `smoke` | seconds |"));
    }

    [Fact]
    public void Dollar_math_becomes_math_elements_and_code_keeps_its_dollars()
    {
        string html = NotebookMarkdown.ToHtml("Each $f_i \\in \\mathbb{R}^{64}$ is unit length, and\n\n$$F(X, S) = -\\sum_i \\min_{j \\in S} d(x_i, x_j)$$\n\nbut `$HOME` is code.");
        Assert.Contains("<span class=\"math\">\\(f_i \\in \\mathbb{R}^{64}\\)</span>", html);
        Assert.True(Regex.IsMatch(html, @"class=""math math-display"">\s*\\\(F\(X, S\) = -\\sum_i \\min_\{j \\in S\} d\(x_i, x_j\)\\\)</"), html);
        Assert.Contains("<code>$HOME</code>", html);
        Assert.True(NotebookMarkdown.HasMath(html));
        Assert.True(KatexAssets.Available, "KaTeX was not embedded: the build could not run `npm ci` in lib/Workbench.Notebooks/Reports/Math");
    }

    /// <summary>The report of a notebook whose Markdown holds notebook 03's formula, opened in headless Chromium with the network off.</summary>
    [ChromiumFact]
    public void The_report_typesets_a_formula_offline_in_headless_chromium()
    {
        using var fx = new NotebookFixture();
        var nb = NotebookFixture.Code("1 + 1");
        nb.Cells.Insert(0, NotebookCell.Markdown("math", "# Formula\n\nEmbeddings $f_i \\in \\mathbb{R}^{64}$ and\n\n$$\\frac{1}{|S|}\\sum_{i \\in S} f_i$$"));
        var result = fx.Run(nb);
        var manifest = NotebookArtifacts.Write(result, fx.PathOf("test.ipynb"), fx.PathOf("out"), DateTime.UtcNow);
        string page = fx.PathOf("out/" + manifest.Report);
        string html = File.ReadAllText(page);
        Assert.DoesNotMatch("<(script|link)[^>]+(src|href)=\"?https?:", html);

        string[] flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            $"--user-data-dir={fx.PathOf("profile")}", "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>", "--virtual-time-budget=5000"];
        var (_, dom, err) = ExternalTools.Run(ExternalTools.Chromium!, [.. flags, "--dump-dom", "file://" + page], null, TimeSpan.FromMinutes(2));
        Assert.Equal(2, Regex.Matches(dom, "class=\"math[a-z -]* wb-math-rendered\"").Count);
        Assert.Contains("class=\"katex-display\"", dom);
        // KaTeX's MathML copy of the formula: ℝ (double-struck R) with the superscript 64.
        Assert.Matches("<mi mathvariant=\"double-struck\">R</mi>.*<mn>64</mn>", dom);
        string main = Regex.Match(dom, "<main>.*</main>", RegexOptions.Singleline).Value;
        Assert.DoesNotContain("\\mathbb", Regex.Replace(main, "<annotation[^>]*>.*?</annotation>", "", RegexOptions.Singleline));
        Assert.True(dom.Length > 0, err);
    }
}
