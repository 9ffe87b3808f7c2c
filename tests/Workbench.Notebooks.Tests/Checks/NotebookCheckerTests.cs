using Workbench.Notebooks.Checks;
using Workbench.Notebooks.Execution;
using Workbench.Notebooks.Format;

namespace Workbench.Notebooks.Tests.Checks;

public class NotebookCheckerTests
{
    private static Notebook Clean() => NotebookFixture.Code(
        "#r \"nuget: TorchSharp-cpu, 0.107.0\"\n#r \"../lib/Workbench/bin/Release/net10.0/Workbench.dll\"",
        "[parameters]\nstring preset = \"smoke\";");

    [Fact]
    public void A_clean_notebook_has_no_problems()
    {
        using var fx = new NotebookFixture();
        Clean().Save(fx.PathOf("clean.ipynb"));
        Assert.Empty(NotebookChecker.Check(fx.PathOf("clean.ipynb"), PackageCatalog.ForCurrentProcess()));
    }

    [Fact]
    public void Every_kind_of_dirt_is_reported_with_the_cell()
    {
        using var fx = new NotebookFixture();
        var nb = Clean();
        nb.Cells[0].Outputs.Add(new StreamOutput("stdout", "x"));
        nb.Cells[0].ExecutionCount = 4;
        nb.Cells.Add(NotebookCell.Code("abs", "#r \"/home/me/Workbench.dll\"\n#r \"nuget: Plotly.NET\"\n#r \"nuget: Plotly.NET.CSharp, 0.13.0\"\nvar data = \"/home/me/data/cifar\";"));
        nb.Cells.Add(NotebookCell.Code("injected-parameters", "preset = \"x\";", ParameterCell.InjectedTag));
        nb.Cells.Add(new NotebookCell(CellType.Code, "no-meta", "1"));
        nb.Metadata.Remove("polyglot_notebook");
        nb.Save(fx.PathOf("dirty.ipynb"));
        var problems = NotebookChecker.Check(fx.PathOf("dirty.ipynb"), PackageCatalog.ForCurrentProcess()).Select(p => p.ToString().Replace(fx.PathOf("dirty.ipynb"), "nb")).ToList();
        Assert.Contains("nb: metadata.polyglot_notebook.kernelInfo.defaultKernelName is missing (Polyglot Notebooks metadata).", problems);
        Assert.Contains("nb: cell c0: has 1 output(s); commit notebooks without outputs.", problems);
        Assert.Contains("nb: cell c0: has execution_count 4; it must be null.", problems);
        Assert.Contains("nb: cell abs: references the absolute path '/home/me/Workbench.dll'; use a path relative to the notebook's folder.", problems);
        Assert.Contains("nb: cell abs: #r \"nuget: Plotly.NET\" does not pin a version; write #r \"nuget: Plotly.NET, 6.0.0\".", problems);
        Assert.Contains("nb: cell abs: #r \"nuget: Plotly.NET.CSharp, 0.13.0\" differs from the version the runner carries (0.14.0).", problems);
        Assert.Contains(problems, p => p.StartsWith("nb: cell abs: contains an absolute path (var data = \"/home/me/data/cifar\";)", StringComparison.Ordinal));
        Assert.Contains("nb: cell injected-parameters: is an injected-parameters cell left by a run; remove it.", problems);
        Assert.Contains("nb: cell no-meta: metadata.polyglot_notebook.kernelName is missing (Polyglot Notebooks metadata).", problems);
        Assert.Contains("nb: cell no-meta: metadata.dotnet_interactive.language is missing (Polyglot Notebooks metadata).", problems);
        Assert.Equal(10, problems.Count);
    }

    [Fact]
    public void Missing_ids_and_foreign_formatting_are_reported_and_fix_cleans_them()
    {
        using var fx = new NotebookFixture();
        string path = fx.PathOf("old.ipynb");
        File.WriteAllText(path, """{"cells": [{"cell_type": "code", "execution_count": 2, "metadata": {}, "outputs": [{"name": "stdout", "output_type": "stream", "text": "hi"}], "source": "1"}], "metadata": {}, "nbformat": 4, "nbformat_minor": 4}""");
        var before = NotebookChecker.Check(path).Select(p => p.Message).ToList();
        Assert.Contains("is nbformat 4.4; write nbformat 4.5 (cells need ids).", before);
        Assert.Contains(before, m => m.StartsWith("has no id", StringComparison.Ordinal));
        NotebookChecker.Fix(path);
        Assert.Empty(NotebookChecker.Check(path, PackageCatalog.ForCurrentProcess()));
        File.WriteAllText(path, File.ReadAllText(path).Replace("\n ", "\n  ", StringComparison.Ordinal));
        Assert.Contains("canonical notebook format", Assert.Single(NotebookChecker.Check(path)).Message);
    }
}
