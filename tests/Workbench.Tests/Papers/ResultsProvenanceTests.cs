using Workbench.Tests.Training;

namespace Workbench.Tests.Papers;

/// <summary>
/// The results tables in <c>results/</c> (quoted in the README) are rebuilt, byte for byte, from the run records
/// committed beside them (<c>results/&lt;paper&gt;/runs/</c>: each run's manifest, metrics and history) by the same
/// commands that wrote them. A table edited by hand, or records that do not back it, fail here.
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

    [Fact]
    public void Spq_reduced_table_is_rebuilt_from_its_run_records() =>
        AssertRebuilt("spq", ["ablation-reduced.csv"], "spq", "ablation", "--preset", "reduced", "--collect-only");

    [Fact]
    public void Dml_reduced_tables_are_rebuilt_from_their_run_records() =>
        AssertRebuilt("dml", ["ablation-reduced.csv", "ablation-reduced-runs.csv"], "dml", "report", "--preset", "reduced");

    [Fact]
    public void Ucdir_reduced_table_is_rebuilt_from_its_run_records() =>
        AssertRebuilt("ucdir", ["ablation-reduced.csv"], "ucdir", "ablation", "--preset", "reduced", "--seeds", "2", "--tables-only",
            "--pair", "emoji-office:noto/symbola", "--pair", "emoji-office:twemoji/emojione", "--pair", "emoji-7:noto/symbola");
}
