using System.Text.RegularExpressions;
using StbImageSharp;
using Workbench.Notebooks.Format;

namespace Workbench.Notebooks.Tests.Cli;

/// <summary>Runs <c>workbench report --preset smoke</c> once over the repository's notebooks (each in its own process).</summary>
public sealed class SmokeReportFixture
{
    public SmokeReportFixture()
    {
        OutDir = Path.Combine(Path.GetTempPath(), "wb-report-" + Guid.NewGuid().ToString("N")[..8]);
        (ExitCode, Stdout, Stderr) = CliHost.Run(TestHost.RepoRoot, TimeSpan.FromMinutes(15), "report", "--preset", "smoke", "--out", OutDir, "--timeout", "600");
    }

    public string OutDir { get; }

    public int ExitCode { get; }

    public string Stdout { get; }

    public string Stderr { get; }

    public IEnumerable<string> Notebooks => Directory.GetFiles(Path.Combine(TestHost.RepoRoot, "notebooks"), "*.ipynb").Select(p => Path.GetFileNameWithoutExtension(p));
}

public class ReportCommandTests(SmokeReportFixture report) : IClassFixture<SmokeReportFixture>
{
    [Fact]
    public void Every_notebook_runs_with_the_smoke_preset_and_the_index_links_each_report()
    {
        Assert.True(report.ExitCode == 0, report.Stderr);
        string index = File.ReadAllText(Path.Combine(report.OutDir, "index.html"));
        Assert.Contains("Retrieval Workbench reports (smoke)", index);
        foreach (var stem in report.Notebooks)
        {
            Assert.Contains($"<a href=\"{stem}.html\">", index);
            string html = File.ReadAllText(Path.Combine(report.OutDir, stem + ".html"));
            Assert.Contains("preset = &quot;smoke&quot; (given)", html);
            Assert.DoesNotMatch("<script[^>]+src=", html);
            var executed = Notebook.Load(Path.Combine(report.OutDir, stem + ".ipynb"));
            Assert.All(executed.Cells.Where(c => c.Type == CellType.Code), c => Assert.NotNull(c.ExecutionCount));
            Assert.DoesNotContain(executed.Cells.SelectMany(c => c.Outputs), o => o is ErrorOutput e && !executed.Cells.Any(c => c.Outputs.Contains(e) && c.HasTag("raises-exception")));
        }
    }

    [NbformatFact]
    public void Executed_notebooks_are_valid_nbformat_4_5()
    {
        Assert.True(report.ExitCode == 0, report.Stderr);
        foreach (var stem in report.Notebooks)
        {
            var (code, _, stderr) = ExternalTools.Run(ExternalTools.Python!,
                ["-c", "import nbformat,sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))", Path.Combine(report.OutDir, stem + ".ipynb")],
                null, TimeSpan.FromSeconds(60));
            Assert.True(code == 0, stem + ": " + stderr);
        }
    }

    [ChromiumFact]
    public void The_start_here_report_draws_its_chart_offline_in_headless_chromium()
    {
        Assert.True(report.ExitCode == 0, report.Stderr);
        string page = "file://" + Path.Combine(report.OutDir, "00-start-here.html");
        string profile = Path.Combine(report.OutDir, "chromium-profile");
        string[] flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", $"--user-data-dir={profile}", "--hide-scrollbars", "--window-size=1280,9000", "--virtual-time-budget=8000"];

        var (_, dom, domErr) = ExternalTools.Run(ExternalTools.Chromium!, [.. flags, "--dump-dom", page], null, TimeSpan.FromMinutes(2));
        Assert.True(Regex.IsMatch(dom, "<path class=\"js-line\" d=\"M[0-9.,LM ]{20,}"), "plotly drew no line trace in the DOM:\n" + domErr);

        string png = Path.Combine(report.OutDir, "report.png");
        var (_, _, shotErr) = ExternalTools.Run(ExternalTools.Chromium!, [.. flags, $"--screenshot={png}", page], null, TimeSpan.FromMinutes(2));
        Assert.True(File.Exists(png), shotErr);
        var image = ImageResult.FromMemory(File.ReadAllBytes(png), ColorComponents.RedGreenBlue);
        int traceBlue = 0; // Plotly's first trace colour #636efa
        for (int i = 0; i < image.Data.Length; i += 3)
        {
            if (Math.Abs(image.Data[i] - 0x63) < 24 && Math.Abs(image.Data[i + 1] - 0x6e) < 24 && Math.Abs(image.Data[i + 2] - 0xfa) < 24) traceBlue++;
        }
        Assert.True(traceBlue > 300, $"only {traceBlue} pixels of the trace colour in the screenshot");
    }
}
