using Workbench.Tests.Training;

namespace Workbench.Tests.Papers;

/// <summary>
/// The results tables in <c>results/</c> (quoted in the README) are rebuilt, byte for byte, from the run records
/// committed beside them (<c>results/&lt;paper&gt;/runs/</c>: each run's manifest, metrics and history) by the same
/// ablation engine that wrote them (<c>workbench ablation report &lt;paper&gt;</c>). A table edited by hand, or records that do not back it, fail here.
/// </summary>
[Collection(SerialTorchRng.Name)]
public class ResultsProvenanceTests
{
    private static string Results(string paper) => Path.Combine(TestHost.RepoRoot, "results", paper);

    private static void AssertRebuilt(string paper, string[] files, params string[] command)
    {
        using var output = new TempDirectory();
        string runs = Path.Combine(Results(paper), "runs");
        Assert.True(Directory.Exists(runs), $"{runs} is missing: commit the run records behind results/{paper}.");
        Assert.Equal(0, CliInvocation.Invoke([.. command, "--out", runs, "--results", output.Path]));
        foreach (string file in files)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(Results(paper), file)), File.ReadAllText(Path.Combine(output.Path, file)));
        }
    }

    [Theory]
    [InlineData("spq", new[] { "ablation-reduced.csv" })]
    [InlineData("dml", new[] { "ablation-reduced.csv", "ablation-reduced-runs.csv" })]
    [InlineData("ucdir", new[] { "ablation-reduced.csv" })]
    public void Reduced_tables_are_rebuilt_by_the_ablation_engine_from_their_run_records(string paper, string[] files) =>
        AssertRebuilt(paper, files, "ablation", "report", paper, "--preset", "reduced");
}
