using System.Diagnostics;
using System.Text.Json.Nodes;
using Workbench.Notebooks.Format;

namespace Workbench.Notebooks.Tests.Cli;

public class NotebookCliTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Fact]
    public void Run_writes_the_executed_notebook_the_report_the_manifest_and_the_index()
    {
        using var fx = new NotebookFixture();
        var nb = NotebookFixture.Code("[parameters]\nint n = 2;", "Console.WriteLine(n * 21);");
        nb.Cells.Insert(0, NotebookCell.Markdown("title", "# Answer"));
        nb.Save(fx.PathOf("answer.ipynb"));
        var (code, _, stderr) = CliHost.Run(fx.Directory, Limit, "notebook", "run", "answer.ipynb", "-p", "n=1", "--out", "out");
        Assert.True(code == 0, stderr);
        var executed = Notebook.Load(fx.PathOf("out/answer.ipynb"));
        Assert.Equal("21\n", Assert.IsType<StreamOutput>(executed.Cells[^1].Outputs.Single()).Text);
        var manifest = JsonNode.Parse(File.ReadAllText(fx.PathOf("out/answer.run.json")))!;
        Assert.Equal("Succeeded", manifest["status"]!.GetValue<string>());
        Assert.Equal("1 (given)", manifest["parameters"]!["n"]!.GetValue<string>());
        string report = File.ReadAllText(fx.PathOf("out/answer.html"));
        Assert.Contains("<h1>Answer</h1>", report);
        Assert.Contains("Run manifest", report);
        Assert.Contains("<a href=\"answer.html\">Answer</a>", File.ReadAllText(fx.PathOf("out/index.html")));
    }

    [Theory]
    [InlineData("throw new InvalidOperationException(\"boom\");", new string[0], 1, "cell #1 'c1' failed: InvalidOperationException: boom")]
    [InlineData("1", new[] { "-p", "n=two" }, 2, "Parameter 'n' is an int; 'two' is not a valid int.")]
    [InlineData("1", new[] { "-p", "m=2" }, 2, "Unknown parameter 'm'. The parameters cell declares: n (int).")]
    [InlineData("1", new[] { "-p", "n" }, 2, "'-p n' is not name=value")]
    [InlineData("while (true) { }", new[] { "--cell-timeout", "5" }, 124, "cell #1 'c1' timed out: CellTimeout")]
    public void Exit_codes_say_how_the_run_ended(string cell, string[] extra, int expected, string message)
    {
        using var fx = new NotebookFixture();
        NotebookFixture.Code("[parameters]\nint n = 2;\nSystem.IO.File.WriteAllText(\"ran.txt\", \"\");", cell).Save(fx.PathOf("nb.ipynb"));
        var clock = Stopwatch.StartNew();
        var (code, _, stderr) = CliHost.Run(fx.Directory, Limit, ["notebook", "run", "nb.ipynb", "--out", "out", .. extra]);
        Assert.Equal(expected, code);
        Assert.True(stderr.Contains(message, StringComparison.Ordinal), stderr);
        Assert.Equal(expected != 2, File.Exists(fx.PathOf("ran.txt")));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("00-start-here.ipynb", "preset", "bogus", "Use one of: smoke, reduced, paper")]
    [InlineData("01-ucdir.ipynb", "pair", "emoji-office", "A domain pair is written data:A/B, e.g. emoji-office:noto/symbola")]
    [InlineData("02-spq.ipynb", "bits", "17", "bits:")]
    [InlineData("03-facility-location.ipynb", "loss", "bogus", "use one of")]
    public void A_bad_parameter_of_a_repository_notebook_exits_2_before_any_work(string notebook, string name, string value, string allowed)
    {
        using var fx = new NotebookFixture();
        string path = Path.Combine(TestHost.RepoRoot, "notebooks", notebook);
        var (code, _, stderr) = CliHost.Run(fx.Directory, Limit, ["notebook", "run", path, "--out", fx.PathOf("out"), "-p", "preset=smoke", "-p", $"{name}={value}"]);
        Assert.True(code == 2, stderr);
        Assert.Contains($"BadParameters (exit 2): {notebook}: Notebook parameter '{name}' = '{value}' is not valid: ", stderr);
        Assert.Contains(allowed, stderr);
        Assert.Contains($"Run again with -p {name}=<an allowed value>", stderr);
    }

    [Theory]
    [InlineData("int Down(int n) => Down(n + 1) + 1;\nDown(0)", "aborted (exit 134, SIGABRT: a stack overflow or a native abort)", "Stack overflow")]
    [InlineData("Console.WriteLine(\"leaving\");\nEnvironment.Exit(0);", "exited with code 0 before finishing the notebook", "leaving")]
    public void A_cell_that_kills_its_process_is_a_failed_cell_with_a_report(string cell, string why, string shown)
    {
        using var fx = new NotebookFixture();
        var nb = NotebookFixture.Code("Console.WriteLine(\"first cell ran\");", cell, "Console.WriteLine(\"never\");");
        nb.Cells.Insert(0, NotebookCell.Markdown("title", "# Dies"));
        nb.Save(fx.PathOf("dies.ipynb"));
        // A stale manifest from an earlier successful run must not stand for this one.
        Directory.CreateDirectory(fx.PathOf("out"));
        File.WriteAllText(fx.PathOf("out/dies.run.json"), "{\"status\": \"Succeeded\"}");
        var (code, _, stderr) = CliHost.Run(fx.Directory, Limit, "notebook", "run", "dies.ipynb", "--out", "out");
        Assert.True(code == 1, $"exit {code}\n{stderr}");
        Assert.Contains("cell #2 'c1' failed: ProcessExited: the notebook process " + why, stderr);
        var executed = Notebook.Load(fx.PathOf("out/dies.ipynb"));
        Assert.Equal("first cell ran\n", Assert.IsType<StreamOutput>(executed.Cells[1].Outputs.Single()).Text);
        var error = Assert.IsType<ErrorOutput>(executed.Cells[2].Outputs.Last());
        Assert.Equal("ProcessExited", error.EName);
        Assert.Contains(shown, string.Join("\n", executed.Cells[2].Outputs.Select(o => o is StreamOutput so ? so.Text : string.Join("\n", ((ErrorOutput)o).Traceback))));
        Assert.Null(executed.Cells[3].ExecutionCount);
        var manifest = JsonNode.Parse(File.ReadAllText(fx.PathOf("out/dies.run.json")))!;
        Assert.Equal("CellFailed", manifest["status"]!.GetValue<string>());
        string report = File.ReadAllText(fx.PathOf("out/dies.html"));
        Assert.Contains("id=\"cell-c1\"", report);
        Assert.Contains("ProcessExited in cell #2 &#39;c1&#39;", report);
        string index = File.ReadAllText(fx.PathOf("out/index.html"));
        Assert.Contains("<td class=\"wb-status-failed\">CellFailed", index);
        Assert.DoesNotContain("<td class=\"wb-status-ok\">", index);
    }

    [Fact]
    public void Check_reports_dirty_notebooks_and_fix_cleans_them()
    {
        using var fx = new NotebookFixture();
        var nb = NotebookFixture.Code("#r \"nuget: Plotly.NET\"\n1");
        nb.Cells[0].ExecutionCount = 1;
        nb.Save(fx.PathOf("dirty.ipynb"));
        var (code, stdout, _) = CliHost.Run(fx.Directory, Limit, "notebook", "check", "dirty.ipynb");
        Assert.Equal(1, code);
        Assert.Contains("dirty.ipynb: cell c0: has execution_count 1; it must be null.", stdout);
        Assert.Contains("does not pin a version; write #r \"nuget: Plotly.NET, 6.0.0\"", stdout);
        (code, stdout, _) = CliHost.Run(fx.Directory, Limit, "notebook", "check", "--fix", "dirty.ipynb");
        Assert.Equal(1, code); // --fix cannot pick a version for the author
        Assert.DoesNotContain("execution_count", stdout);
    }
}
