using System.Text.Json.Nodes;
using Workbench.Notebooks.Execution;
using Workbench.Notebooks.Format;

namespace Workbench.Notebooks.Tests.Execution;

public class ParameterTests
{
    private static Notebook WithParameters() => NotebookFixture.Code(
        "[parameters]\nint epochs = 3;\nvar lr = 0.5;\nstring title = \"loss\";\nbool plot = true;\nlong seed = 7L;\nfloat temperature = 0.1f;",
        "$\"{epochs}|{lr.GetType().Name}:{lr}|{title}|{plot}|{seed}|{temperature}\"");

    private static string Result(NotebookRunResult r) =>
        Assert.IsType<ExecuteResultOutput>(r.Executed.Cells[^1].Outputs.Single()).Data.Get("text/plain")!;

    [Fact]
    public void Defaults_run_when_no_values_are_given_and_nothing_is_injected()
    {
        using var fx = new NotebookFixture();
        var r = fx.Run(WithParameters());
        Assert.Equal(RunStatus.Succeeded, r.Status);
        Assert.Equal("3|Double:0.5|loss|True|7|0.1", Result(r));
        Assert.Equal(2, r.Executed.Cells.Count);
        Assert.Equal(["epochs", "lr", "title", "plot", "seed", "temperature"], r.Declared.Select(d => d.Name));
        Assert.Equal("double", r.Declared[1].Type);
    }

    [Fact]
    public void Values_are_injected_as_typed_assignments_after_the_parameters_cell()
    {
        using var fx = new NotebookFixture();
        var given = new Dictionary<string, string> { ["epochs"] = "60", ["lr"] = "1e-3", ["title"] = "say \"hi\"\n", ["seed"] = "-12345678901", ["temperature"] = "0.07" };
        var r = fx.Run(WithParameters(), new NotebookRunOptions { Parameters = given });
        Assert.Equal(RunStatus.Succeeded, r.Status);
        Assert.Equal("60|Double:0.001|say \"hi\"\n|True|-12345678901|0.07", Result(r));
        var injected = r.Executed.Cells[1];
        Assert.Equal("injected-parameters", injected.Id);
        Assert.True(injected.HasTag(ParameterCell.InjectedTag));
        Assert.Contains("epochs = 60;", injected.Source);
        Assert.Contains("seed = -12345678901L;", injected.Source);
        Assert.Contains("temperature = 0.07f;", injected.Source);
        Assert.Contains("title = \"say \\\"hi\\\"\\n\";", injected.Source);
        var recorded = (JsonObject)r.Executed.Metadata["workbench"]!["parameters"]!;
        Assert.Equal(60, recorded["epochs"]!.GetValue<int>());
        Assert.Equal(0.001, recorded["lr"]!.GetValue<double>());
    }

    [Fact]
    public void Re_running_an_executed_notebook_replaces_the_injected_cell()
    {
        using var fx = new NotebookFixture();
        var first = fx.Run(WithParameters(), new NotebookRunOptions { Parameters = new Dictionary<string, string> { ["epochs"] = "5" } });
        var second = fx.Run(first.Executed, new NotebookRunOptions { Parameters = new Dictionary<string, string> { ["epochs"] = "6" } });
        Assert.Single(second.Executed.Cells, c => c.HasTag(ParameterCell.InjectedTag));
        Assert.StartsWith("6|", Result(second));
    }

    [Theory]
    [InlineData("epochs", "three", "Parameter 'epochs' is an int; 'three' is not a valid int.")]
    [InlineData("epochs", "2.5", "'2.5' is not a valid int")]
    [InlineData("plot", "yes", "Parameter 'plot' is a bool; 'yes' is not a valid bool.")]
    [InlineData("lr", "NaN", "'NaN' is not a valid double")]
    [InlineData("epoch", "3", "Unknown parameter 'epoch'. The parameters cell declares: epochs (int), lr (double), title (string), plot (bool), seed (long), temperature (float).")]
    public void A_bad_value_or_an_unknown_name_is_rejected_before_any_cell_runs(string name, string value, string message)
    {
        using var fx = new NotebookFixture();
        var nb = WithParameters();
        nb.Cells.Insert(0, NotebookCell.Code("side-effect", "System.IO.File.WriteAllText(\"ran.txt\", \"x\");"));
        var r = fx.Run(nb, new NotebookRunOptions { Parameters = new Dictionary<string, string> { [name] = value } });
        Assert.Equal(RunStatus.BadParameters, r.Status);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Message);
        Assert.All(r.Executed.Cells, c => Assert.Null(c.ExecutionCount));
        Assert.False(File.Exists(fx.PathOf("ran.txt")));
    }

    [Theory]
    [InlineData("bogus", "Notebook parameter 'preset' = 'bogus' is not valid: Unknown preset 'bogus'.")]
    [InlineData("smok", "Did you mean 'smoke'?")]
    public void A_value_the_library_refuses_in_the_check_after_the_parameters_cell_is_bad_input(string preset, string message)
    {
        using var fx = new NotebookFixture();
        string workbench = Path.Combine(AppContext.BaseDirectory, "Workbench.dll").Replace("\\", "/", StringComparison.Ordinal);
        var nb = NotebookFixture.Code(
            "[parameters]\nstring preset = \"smoke\";",
            $"#r \"{workbench}\"\nvar label = Workbench.Experiments.NotebookParameters.Preset(preset);",
            "System.IO.File.WriteAllText(\"ran.txt\", \"x\");");
        var r = fx.Run(nb, new NotebookRunOptions { Parameters = new Dictionary<string, string> { ["preset"] = preset } });
        Assert.Equal(RunStatus.BadParameters, r.Status);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Message);
        Assert.Contains("Use one of: smoke, reduced, paper", r.Message); // the allowed values, from the library
        Assert.Contains("Run again with -p preset=<an allowed value>", r.Message); // what to do
        Assert.Null(r.Executed.Cells[^1].ExecutionCount); // no work after the check
        Assert.False(File.Exists(fx.PathOf("ran.txt")));
        Assert.Equal(RunStatus.Succeeded, fx.Run(nb, new NotebookRunOptions { Parameters = new Dictionary<string, string> { ["preset"] = "reduced" } }).Status);
    }

    [Fact]
    public void Values_for_a_notebook_without_a_parameters_cell_are_rejected()
    {
        using var fx = new NotebookFixture();
        var r = fx.Run(NotebookFixture.Code("1"), new NotebookRunOptions { Parameters = new Dictionary<string, string> { ["preset"] = "smoke" } });
        Assert.Equal(RunStatus.BadParameters, r.Status);
        Assert.Contains("no code cell tagged 'parameters'", r.Message);
    }

    [Fact]
    public void A_declared_type_the_runner_cannot_write_is_rejected_with_the_supported_types()
    {
        var declared = ParameterCell.Parse("int[] sizes = { 1, 2 };\nconst int K = 3;\nConsole.WriteLine();\nint a = 1, b = -2;");
        Assert.Equal(["sizes", "a", "b"], declared.Select(d => d.Name));
        Assert.False(declared[0].IsInjectable);
        var e = Assert.Throws<ParameterException>(() => ParameterCell.Bind(declared, new Dictionary<string, string> { ["sizes"] = "3" }));
        Assert.Contains("declared as 'int[]'", e.Message);
        Assert.Equal("b = -7;", ParameterCell.Bind(declared, new Dictionary<string, string> { ["b"] = "-7" }).Single().Assignment);
    }
}
