using Workbench.Notebooks.Checks;
using Workbench.Notebooks.Execution;
using Workbench.Notebooks.Format;

namespace Workbench.Notebooks.Tests.Checks;

public class NotebookCheckerTests
{
    private const string Packages =
        "#r \"nuget: TorchSharp-cpu, 0.107.0\"\n#r \"nuget: Plotly.NET, 6.0.0\"\n#r \"nuget: Plotly.NET.CSharp, 0.14.0\"\n#r \"nuget: Microsoft.Data.Analysis, 0.23.1\"\n" +
        "#r \"nuget: StbImageSharp, 2.30.16\"\n#r \"nuget: StbImageWriteSharp, 1.16.7\"\n#r \"nuget: TorchSharp.PyBridge, 1.4.4\"\n";

    private static Notebook Clean(string packages = Packages) => NotebookFixture.Code(
        packages + "#r \"lib/Workbench.dll\"",
        "[parameters]\nstring preset = \"smoke\";");

    /// <summary>Workbench.dll and its deps.json (what the setup cell's #r path points to) in the fixture's lib folder.</summary>
    private static void CopyWorkbench(NotebookFixture fx)
    {
        string dll = Path.Combine(TestHost.RepoRoot, "lib", "Workbench", "bin", "Release", "net10.0", "Workbench.dll");
        Directory.CreateDirectory(fx.PathOf("lib"));
        File.Copy(dll, fx.PathOf("lib/Workbench.dll"), overwrite: true);
        File.Copy(Path.ChangeExtension(dll, ".deps.json"), fx.PathOf("lib/Workbench.deps.json"), overwrite: true);
    }

    [Fact]
    public void A_clean_notebook_has_no_problems()
    {
        using var fx = new NotebookFixture();
        CopyWorkbench(fx);
        Clean().Save(fx.PathOf("clean.ipynb"));
        Assert.Empty(NotebookChecker.Check(fx.PathOf("clean.ipynb")));
    }

    [Fact]
    public void A_setup_cell_that_would_not_load_in_a_fresh_kernel_is_rejected()
    {
        using var fx = new NotebookFixture();
        Clean().Save(fx.PathOf("unbuilt.ipynb"));
        Assert.Contains("does not exist; build it first", Assert.Single(NotebookChecker.Check(fx.PathOf("unbuilt.ipynb"))).Message);
        CopyWorkbench(fx);
        // The setup cell as it was before the kernel runs: no image packages, an old Plotly.NET.CSharp.
        Clean(Packages.Replace("#r \"nuget: StbImageSharp, 2.30.16\"\n#r \"nuget: StbImageWriteSharp, 1.16.7\"\n", "").Replace("0.14.0", "0.13.0"))
            .Save(fx.PathOf("old.ipynb"));
        var problems = NotebookChecker.Check(fx.PathOf("old.ipynb")).Select(p => p.Message).ToList();
        Assert.Contains("Workbench.dll needs StbImageSharp 2.30.16, which no #r \"nuget:\" before it brings, so a fresh kernel cannot load it; add #r \"nuget: StbImageSharp, 2.30.16\" before #r \"lib/Workbench.dll\".", problems);
        Assert.Contains(problems, p => p.StartsWith("Workbench.dll needs StbImageWriteSharp 1.16.7", StringComparison.Ordinal));
        Assert.Contains("#r \"nuget: Plotly.NET.CSharp, 0.13.0\" but Workbench.dll was built against Plotly.NET.CSharp 0.14.0; pin 0.14.0.", problems);
        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void Every_kind_of_dirt_is_reported_with_the_cell()
    {
        using var fx = new NotebookFixture();
        CopyWorkbench(fx);
        var nb = Clean();
        nb.Cells[0].Outputs.Add(new StreamOutput("stdout", "x"));
        nb.Cells[0].ExecutionCount = 4;
        nb.Cells.Add(NotebookCell.Code("abs", "#r \"/home/me/Workbench.dll\"\n#r \"nuget: Plotly.NET\"\nvar data = \"/home/me/data/cifar\";"));
        nb.Cells.Add(NotebookCell.Code("injected-parameters", "preset = \"x\";", ParameterCell.InjectedTag));
        nb.Cells.Add(new NotebookCell(CellType.Code, "no-meta", "1"));
        nb.Metadata.Remove("polyglot_notebook");
        nb.Save(fx.PathOf("dirty.ipynb"));
        var problems = NotebookChecker.Check(fx.PathOf("dirty.ipynb")).Select(p => p.ToString().Replace(fx.PathOf("dirty.ipynb"), "nb")).ToList();
        Assert.Contains("nb: metadata.polyglot_notebook.kernelInfo.defaultKernelName is missing (Polyglot Notebooks metadata).", problems);
        Assert.Contains("nb: cell c0: has 1 output(s); commit notebooks without outputs.", problems);
        Assert.Contains("nb: cell c0: has execution_count 4; it must be null.", problems);
        Assert.Contains("nb: cell abs: references the absolute path '/home/me/Workbench.dll'; use a path relative to the notebook's folder.", problems);
        Assert.Contains("nb: cell abs: #r \"nuget: Plotly.NET\" does not pin a version; write #r \"nuget: Plotly.NET, 6.0.0\".", problems);
        Assert.Contains(problems, p => p.StartsWith("nb: cell abs: contains an absolute path (var data = \"/home/me/data/cifar\";)", StringComparison.Ordinal));
        Assert.Contains("nb: cell injected-parameters: is an injected-parameters cell left by a run; remove it.", problems);
        Assert.Contains("nb: cell no-meta: metadata.polyglot_notebook.kernelName is missing (Polyglot Notebooks metadata).", problems);
        Assert.Contains("nb: cell no-meta: metadata.dotnet_interactive.language is missing (Polyglot Notebooks metadata).", problems);
        Assert.Equal(9, problems.Count);
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
        Assert.Empty(NotebookChecker.Check(path));
        File.WriteAllText(path, File.ReadAllText(path).Replace("\n ", "\n  ", StringComparison.Ordinal));
        Assert.Contains("canonical notebook format", Assert.Single(NotebookChecker.Check(path)).Message);
    }
}
