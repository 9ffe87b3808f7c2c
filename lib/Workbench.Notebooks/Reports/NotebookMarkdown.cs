using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Workbench.Notebooks.Reports;

/// <summary>
/// Markdown cells as VS Code's notebook renderer shows them: CommonMark (Markdig), GitHub pipe
/// tables, strikethrough, task lists, bare URLs as links, inline HTML, and TeX math between
/// <c>$…$</c> / <c>$$…$$</c> written as <c>.math</c> elements for <see cref="KatexAssets"/>.
/// </summary>
public static class NotebookMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .UseTaskLists()
        .UseAutoLinks()
        .UseMathematics()
        .Build();

    /// <summary>The HTML of <paramref name="markdown"/>.</summary>
    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown ?? "", Pipeline);
        // $$…$$ inside a paragraph is display math in VS Code (markdown-it-katex) too.
        foreach (var math in document.Descendants<Markdig.Extensions.Mathematics.MathInline>())
        {
            if (math.DelimiterCount == 2) math.GetAttributes().AddClass("math-display");
        }
        return document.ToHtml(Pipeline);
    }

    /// <summary>True when <paramref name="html"/> (from <see cref="ToHtml"/>) holds a formula.</summary>
    public static bool HasMath(string html) => html.Contains("class=\"math", StringComparison.Ordinal) || html.Contains(" math\"", StringComparison.Ordinal);
}
