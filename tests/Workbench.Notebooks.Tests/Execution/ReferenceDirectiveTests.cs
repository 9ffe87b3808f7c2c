using Workbench.Notebooks.Execution;
using Workbench.Notebooks.Format;

namespace Workbench.Notebooks.Tests.Execution;

public class ReferenceDirectiveTests
{
    [Fact]
    public void A_dll_reference_resolves_against_the_notebook_folder_which_is_the_current_directory()
    {
        using var fx = new NotebookFixture();
        Directory.CreateDirectory(fx.PathOf("lib"));
        File.Copy(typeof(Workbench.Runtime.FSharpCoreBinding).Assembly.Location, fx.PathOf("lib/Workbench.dll"));
        var r = fx.Run(NotebookFixture.Code(
            "#r \"lib/Workbench.dll\"",
            "$\"{Workbench.Runtime.FSharpCoreBinding.AssemblyName} {Environment.CurrentDirectory == System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(\"lib\"))}\""));
        Assert.Equal(RunStatus.Succeeded, r.Status);
        Assert.Equal("FSharp.Core True", ((ExecuteResultOutput)r.Executed.Cells[1].Outputs.Single()).Data.Get("text/plain"));
    }

    [Fact]
    public void A_type_from_an_assembly_the_notebook_did_not_reference_is_a_compilation_error()
    {
        // The host carries Plotly.NET; the kernel must not show it to a notebook without its #r, as in VS Code.
        using var fx = new NotebookFixture();
        var r = fx.Run(NotebookFixture.Code("typeof(Plotly.NET.GenericChart).Name"));
        var error = Assert.IsType<ErrorOutput>(r.Executed.Cells[0].Outputs.Single());
        Assert.Equal("CompilationError", error.EName);
        Assert.Contains("Plotly", error.EValue);
        Assert.Equal(RunStatus.CellFailed, r.Status);
    }

    [Fact]
    public void A_nuget_directive_restores_the_package_and_the_setup_helper_draws_charts_with_deterministic_ids()
    {
        using var fx = new NotebookFixture();
        string workbench = typeof(Workbench.Runtime.FSharpCoreBinding).Assembly.Location;
        var r = fx.Run(NotebookFixture.Code(
            "#r \"nuget: Plotly.NET, 6.0.0\"\n#r \"nuget: Plotly.NET.CSharp, 0.14.0\"\n#r \"nuget: TorchSharp-cpu, 0.107.0\"\n#r \"nuget: Microsoft.Data.Analysis, 0.23.1\"\n" +
            $"#r \"{workbench}\"\nusing Microsoft.DotNet.Interactive.Formatting;\n" +
            "Workbench.Reporting.NotebookSetup.Initialize((type, html, mime) => Formatter.Register(type, (o, w) => w.Write(html(o)), mime));",
            "Plotly.NET.CSharp.Chart.Point<int, int, string>(new[] { 1, 2 }, new[] { 3, 4 })"));
        Assert.True(r.Status == RunStatus.Succeeded, r.Message);
        string html = Assert.IsType<ExecuteResultOutput>(r.Executed.Cells[1].Outputs.Single()).Data.Get("text/html")!;
        Assert.Contains("<div id=\"nb-c1-o0\"", html);
        Assert.Contains("newPlot('nb-c1-o0'", html);
    }

    [Fact]
    public void An_unknown_package_fails_its_cell_with_the_kernels_message()
    {
        using var fx = new NotebookFixture();
        var r = fx.Run(NotebookFixture.Code("#r \"nuget: Workbench.NoSuchPackage, 1.0.0\"\n1", "2"));
        Assert.Equal(RunStatus.CellFailed, r.Status);
        var error = Assert.IsType<ErrorOutput>(r.Executed.Cells[0].Outputs.Last());
        Assert.Contains("Workbench.NoSuchPackage", string.Join("\n", error.Traceback));
        Assert.Contains("cell #0 'c0'", error.Traceback[0]);
        Assert.Null(r.Executed.Cells[1].ExecutionCount);
    }
}
