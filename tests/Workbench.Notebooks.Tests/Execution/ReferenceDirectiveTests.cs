using Workbench.Notebooks.Execution;
using Workbench.Notebooks.Format;

namespace Workbench.Notebooks.Tests.Execution;

public class ReferenceDirectiveTests
{
    [Fact]
    public void Load_and_dll_references_resolve_against_the_notebook_folder()
    {
        using var fx = new NotebookFixture();
        Directory.CreateDirectory(fx.PathOf("helpers"));
        File.WriteAllText(fx.PathOf("helpers/metrics.csx"), "static double Recall(int hits, int total) => (double)hits / total;\n");
        Directory.CreateDirectory(fx.PathOf("lib"));
        File.Copy(typeof(Workbench.Reporting.PlotlyHtml).Assembly.Location, fx.PathOf("lib/Workbench.dll"));
        var r = fx.Run(NotebookFixture.Code(
            "#load \"helpers/metrics.csx\"\n#r \"lib/Workbench.dll\"",
            "$\"{Recall(3, 4)} {Workbench.Reporting.PlotlyHtml.PlotlyJsVersion} {Environment.CurrentDirectory == System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(\"helpers\"))}\""),
            name: "sub.ipynb");
        Assert.Equal(RunStatus.Succeeded, r.Status);
        Assert.Equal("0.75 2.28.0 True", ((ExecuteResultOutput)r.Executed.Cells[1].Outputs.Single()).Data.Get("text/plain"));
    }

    [Fact]
    public void A_missing_relative_reference_is_a_compilation_error()
    {
        using var fx = new NotebookFixture();
        var r = fx.Run(NotebookFixture.Code("#r \"../nowhere/Missing.dll\"\n1"));
        var error = Assert.IsType<ErrorOutput>(r.Executed.Cells[0].Outputs.Single());
        Assert.Equal("CompilationError", error.EName);
        Assert.Contains("Missing.dll", error.EValue);
    }
}
