using Workbench.Notebooks.Execution;
using Workbench.Notebooks.Format;

namespace Workbench.Notebooks.Tests.Display;

public class DisplayTests
{
    private const string Packages = "#r \"nuget: TorchSharp-cpu, 0.107.0\"\n#r \"nuget: Plotly.NET, 6.0.0\"\n#r \"nuget: Plotly.NET.CSharp, 0.14.0\"\n#r \"nuget: Microsoft.Data.Analysis, 0.23.1\"\n";

    [Fact]
    public void Display_helpers_append_outputs_in_order_with_streams_between_them()
    {
        using var fx = new NotebookFixture();
        var r = fx.Run(NotebookFixture.Code(
            "display(42);\nConsole.WriteLine(\"a\");\nConsole.Error.WriteLine(\"warn\");\n\"<b>x</b>\".DisplayAs(\"text/html\");\nvar d = \"v1\".Display();\nd.Update(\"v2\");\ndisplay(3.5, \"text/plain\");\nHTML(\"<i>y</i>\")"));
        Assert.Equal(RunStatus.Succeeded, r.Status);
        var o = r.Executed.Cells[0].Outputs;
        Assert.Equal(["display_data", "stream", "stream", "display_data", "display_data", "display_data", "display_data", "execute_result"], o.Select(x => x.OutputType));
        Assert.Equal("42", ((DisplayDataOutput)o[0]).Data.Get("text/plain"));
        Assert.Equal(("stdout", "a\n"), (((StreamOutput)o[1]).Name, ((StreamOutput)o[1]).Text));
        Assert.Equal(("stderr", "warn\n"), (((StreamOutput)o[2]).Name, ((StreamOutput)o[2]).Text));
        Assert.Equal("<b>x</b>", ((DisplayDataOutput)o[3]).Data.Get("text/html"));
        Assert.Equal(["v1", "v2"], o.Skip(4).Take(2).Select(x => ((DisplayDataOutput)x).Data.Get("text/plain")));
        Assert.Equal(["text/plain"], ((DisplayDataOutput)o[6]).Data.MimeTypes);
        Assert.Equal("<i>y</i>", ((ExecuteResultOutput)o[7]).Data.Get("text/html"));
    }

    [Fact]
    public void Charts_tables_and_tensors_get_the_workbench_formats_with_deterministic_chart_ids()
    {
        using var fx = new NotebookFixture();
        var r = fx.Run(NotebookFixture.Code(
            Packages + "using Microsoft.Data.Analysis;\nusing static TorchSharp.torch;",
            "var c = Plotly.NET.CSharp.Chart.Line<double, double, string>(new[] { 1.0, 2 }, new[] { 3.0, 4 });\ndisplay(c);\ndisplay(c);\nnew DataFrame(new StringDataFrameColumn(\"method\", new[] { \"<IW>\" }), new DoubleDataFrameColumn(\"P@1\", new[] { 0.51234 }))",
            "display(arange(6).reshape(2, 3));\nones(100, 10)"));
        Assert.Equal(RunStatus.Succeeded, r.Status);
        var o = r.Executed.Cells[1].Outputs;
        Assert.Contains("<div id=\"nb-c1-o0\"", ((DisplayDataOutput)o[0]).Data.Get("text/html"));
        Assert.Contains("<div id=\"nb-c1-o1\"", ((DisplayDataOutput)o[1]).Data.Get("text/html"));
        Assert.DoesNotContain("LOL!", ((DisplayDataOutput)o[0]).Data.Get("text/html"));
        var table = ((ExecuteResultOutput)o[2]).Data;
        Assert.Contains("<table class=\"wb-table\">", table.Get("text/html"));
        Assert.Contains("&lt;IW&gt;", table.Get("text/html"));
        Assert.Equal("method\tP@1\n<IW>\t0.5123\n", table.Get("text/plain"));
        var tensors = r.Executed.Cells[2].Outputs;
        Assert.Equal("Tensor [2, 3] Int64 cpu\n0 1 2\n3 4 5", ((DisplayDataOutput)tensors[0]).Data.Get("text/plain")?.Replace("\n ", "\n").TrimEnd());
        Assert.Equal("Tensor [100, 10] Float32 cpu\nmin 1, max 1, mean 1, std 0", ((ExecuteResultOutput)tensors[1]).Data.Get("text/plain"));
    }

    [Fact]
    public void Registered_formatters_win_and_the_setup_helper_keeps_ids_deterministic()
    {
        using var fx = new NotebookFixture();
        string workbench = typeof(Workbench.Reporting.NotebookSetup).Assembly.Location;
        var r = fx.Run(NotebookFixture.Code(
            Packages + $"#r \"{workbench}\"\nusing Microsoft.DotNet.Interactive.Formatting;\n" +
            "Workbench.Reporting.NotebookSetup.Initialize((type, html, mime) => Formatter.Register(type, (o, w) => w.Write(html(o)), mime));\n" +
            "record Point(int X, int Y);\nFormatter.Register<Point>(p => $\"<p>{p.X},{p.Y}</p>\", \"text/html\");",
            "new Point(1, 2)",
            "Plotly.NET.CSharp.Chart.Point<int, int, string>(new[] { 1 }, new[] { 2 })"));
        Assert.Equal(RunStatus.Succeeded, r.Status);
        Assert.Equal("<p>1,2</p>", ((ExecuteResultOutput)r.Executed.Cells[1].Outputs.Single()).Data.Get("text/html"));
        var chart = ((ExecuteResultOutput)r.Executed.Cells[2].Outputs.Single()).Data;
        Assert.Contains("<div id=\"nb-c2-o0\"", chart.Get("text/html"));
        Assert.StartsWith("GenericChart: 1 trace(s)", chart.Get("text/plain"));
    }

    [Fact]
    public void Images_with_a_png_encoder_are_shown_as_png()
    {
        using var fx = new NotebookFixture();
        var r = fx.Run(NotebookFixture.Code(
            "class Img { public byte[] ToPng() => new byte[] { 0x89, 0x50, 0x4E, 0x47 }; }\nnew Img()"));
        var data = ((ExecuteResultOutput)r.Executed.Cells[0].Outputs.Single()).Data;
        Assert.Equal(Convert.ToBase64String(new byte[] { 0x89, 0x50, 0x4E, 0x47 }), data.Get("image/png"));
        Assert.Equal("Img (PNG, 4 bytes)", data.Get("text/plain"));
    }

    [Fact]
    public void Image_grids_are_png_with_an_html_image()
    {
        using var fx = new NotebookFixture();
        string workbench = typeof(Workbench.Reporting.ImageGrid).Assembly.Location;
        var r = fx.Run(NotebookFixture.Code(Packages + $"#r \"{workbench}\"\nWorkbench.Reporting.ImageGrid.Tile(TorchSharp.torch.rand(3, 3, 8, 8), columns: 3)"));
        Assert.Equal(RunStatus.Succeeded, r.Status);
        var data = ((ExecuteResultOutput)r.Executed.Cells[0].Outputs.Single()).Data;
        Assert.Equal(["image/png", "text/plain"], data.MimeTypes);
        Assert.StartsWith("iVBORw0KGgo", data.Get("image/png"));
        Assert.Equal("ImageGrid 1×3 cells, 36×12 px", data.Get("text/plain"));
    }

    [Fact]
    public void Retrieval_grids_are_png_plus_the_html_with_its_legend_once_the_setup_registers_it()
    {
        using var fx = new NotebookFixture();
        string workbench = typeof(Workbench.Reporting.ImageGrid).Assembly.Location;
        string grid = """
            var source = Workbench.Reporting.Grids.RetrievalGridSource.FromTensors(TorchSharp.torch.rand(2, 1, 8, 8), TorchSharp.torch.rand(4, 1, 8, 8),
                new[] { new[] { 2, 1 }, new[] { 3, 0 } }, new[] { new[] { true, false }, new[] { true, false } });
            Workbench.Reporting.Grids.RetrievalGrid.Build(source, Workbench.Reporting.Grids.QuerySelection.Chosen(0, 1), topK: 2, cellSize: 16)
            """;
        string setup = "Workbench.Reporting.NotebookSetup.Initialize((type, html, mime) => Microsoft.DotNet.Interactive.Formatting.Formatter.Register(type, (o, w) => w.Write(html(o)), mime));";
        var r = fx.Run(NotebookFixture.Code(Packages + $"#r \"{workbench}\"\n" + setup, grid));
        Assert.True(r.Status == RunStatus.Succeeded, r.Message);
        var data = ((ExecuteResultOutput)r.Executed.Cells[1].Outputs.Single()).Data;
        Assert.Contains("image/png", data.MimeTypes);
        Assert.Contains("wb-retrieval-grid", data.Get("text/html"));
        Assert.Equal("RetrievalGrid: 2 queries, top 2", data.Get("text/plain"));
    }

    [Fact]
    public void Executed_notebooks_are_identical_across_runs()
    {
        using var fx = new NotebookFixture();
        var nb = NotebookFixture.Code(Packages + "var c = Plotly.NET.CSharp.Chart.Line<int, int, string>(new[] { 1, 2 }, new[] { 2, 1 });\nConsole.WriteLine(\"x\");\nc", "TorchSharp.torch.manual_seed(1);\nTorchSharp.torch.rand(3)");
        string a = fx.Run(nb).Executed.ToJson();
        string b = fx.Run(nb).Executed.ToJson();
        Assert.Equal(a, b);
    }
}
