using Workbench.Experiments;
using Workbench.Experiments.Ablation;
using Workbench.Experiments.Configs;
using Workbench.Experiments.Records;
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
    [InlineData("spq", new[] { "ablation-reduced.csv", "ablation-reduced.md" })]
    [InlineData("dml", new[] { "ablation-reduced.csv", "ablation-reduced-runs.csv", "ablation-reduced.md" })]
    [InlineData("ucdir", new[] { "ablation-reduced.csv", "ablation-reduced.md" })]
    public void Reduced_tables_are_rebuilt_by_the_ablation_engine_from_their_run_records(string paper, string[] files) =>
        AssertRebuilt(paper, files, "ablation", "report", paper, "--preset", "reduced");

    [Theory]
    [InlineData("spq")]
    [InlineData("ucdir")]
    [InlineData("dml")]
    public void README_blocks_are_the_summary_of_the_committed_records(string paper)
    {
        var ablation = AblationCatalog.Default.Get(paper);
        var result = new AblationRunner(new RunStore(Path.Combine(Results(paper), "runs"))).Collect(ablation.Spec(new AblationRequest(PresetLabel.Reduced)));
        string summary = ablation.Summary(result);
        string readme = File.ReadAllText(Path.Combine(TestHost.RepoRoot, "README.md"));
        string? block = ResultsBlock.Extract(readme, paper);
        Assert.True(block is not null, $"README.md has no {ResultsBlock.Begin(paper)} block.");
        Assert.Equal(ResultsBlock.Body(summary), block);
        // the Markdown page ends with the same text (rebuilt byte for byte above)
        Assert.EndsWith(summary.TrimEnd('\n') + "\n", File.ReadAllText(Path.Combine(Results(paper), "ablation-reduced.md")));
    }

    /// <summary>The pretrained-start ablations (issue 18): their init file and filters, as in README.md's commands.</summary>
    public static TheoryData<string, string, string[]> Pretrained() => new()
    {
        { "ucdir", "results/pretrain/runs/pretrain-reduced-s0-fe79984a/encoder.safetensors", [] },
        { "dml", "results/pretrain/runs/pretrain-reduced-s0-0e12686a/encoder.safetensors", ["--only", "dataset=fonts"] },
        { "spq", "results/pretrain/runs/pretrain-reduced-s0-c037003e/encoder.safetensors", ["--only", "variant=Seed,SPQ-C,SPQ-H,Official"] },
    };

    [Theory]
    [MemberData(nameof(Pretrained))]
    public void Pretrained_start_tables_and_README_blocks_are_rebuilt_from_their_run_records(string paper, string init, string[] only)
    {
        using var output = new TempDirectory();
        string runs = Path.Combine(Results(paper), "runs");
        string absolute = Path.Combine(TestHost.RepoRoot, init);
        Assert.True(File.Exists(absolute), $"{init} is missing: commit the pretraining record the pretrained rows start from.");
        Assert.Equal(0, CliInvocation.Invoke(["ablation", "report", paper, "--preset", "reduced", "--set", $"init={absolute}", .. only, "--out", runs, "--results", output.Path]));
        string folder = Path.Combine(Results(paper), "pretrained");
        foreach (string file in Directory.GetFiles(folder).Select(f => Path.GetFileName(f)))
        {
            // the page quotes the command; the committed one names the init file relative to the repository
            Assert.Equal(File.ReadAllText(Path.Combine(folder, file)), File.ReadAllText(Path.Combine(output.Path, file)).Replace(absolute, init));
        }
        var ablation = AblationCatalog.Default.Get(paper);
        var spec = ablation.Spec(new AblationRequest(PresetLabel.Reduced, null, [ConfigOverride.Parse($"init={absolute}")]));
        for (int i = 0; i < only.Length; i += 2)
        {
            string filter = only[i + 1];
            spec = spec.Only(filter[..filter.IndexOf('=')], filter[(filter.IndexOf('=') + 1)..].Split(','));
        }
        var result = new AblationRunner(new RunStore(runs)).Collect(spec);
        Assert.True(result.Rows.All(r => r.Complete), $"some pretrained {paper} rows have no committed record");
        string readme = File.ReadAllText(Path.Combine(TestHost.RepoRoot, "README.md"));
        string name = ResultsBlock.Name(paper, "pretrained");
        string? block = ResultsBlock.Extract(readme, name);
        Assert.True(block is not null, $"README.md has no {ResultsBlock.Begin(name)} block.");
        Assert.Equal(ResultsBlock.Body(ablation.Summary(result)), block);
    }

    [Theory]
    [InlineData("01-ucdir.ipynb", "UcdirAblationPaper().Summary(")]
    [InlineData("02-spq.ipynb", "SpqAblation().Summary(")]
    [InlineData("03-facility-location.ipynb", "DmlAblationPaper().Summary(")]
    public void Report_pages_show_the_same_summary_from_the_committed_records(string notebook, string call)
    {
        string source = File.ReadAllText(Path.Combine(TestHost.RepoRoot, "notebooks", notebook));
        Assert.Contains(call, source, StringComparison.Ordinal);
        Assert.Contains("RunStore.WithCommittedRecords()", source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("spq", "SPQ · Seed · bits=32", "index.pq")]
    [InlineData("ucdir", "+DD · Official · pair=emoji-office:noto/symbola · ablation=+DD", "ucdir-embeddings.dat")]
    [InlineData("dml", "Facility location", "test-embeddings.bin")]
    public void The_inspected_run_of_each_notebook_is_one_committed_record_chosen_by_rule(string paper, string rowKey, string file)
    {
        var ablation = AblationCatalog.Default.Get(paper);
        var engine = new AblationRunner(new RunStore(Path.Combine(Results(paper), "runs")));
        var inspected = Assert.Single(ablation.Inspected(engine.Resolve(ablation.Spec(new AblationRequest(PresetLabel.Reduced)))));
        Assert.StartsWith(rowKey, inspected.Cell.Row.Key, StringComparison.Ordinal);
        Assert.Equal(0, inspected.Cell.Seed);
        Assert.Contains(file, inspected.Files);
        // `workbench ablation keep-inspected` copies the files into this record; when they are there they stay small
        var record = engine.Collect(ablation.Spec(new AblationRequest(PresetLabel.Reduced))).Runs.Single(r => r.Manifest.ConfigHash == inspected.Cell.Experiment.ConfigHash);
        long bytes = Directory.GetFiles(record.Directory).Sum(f => new FileInfo(f).Length);
        Assert.True(bytes < 3_000_000, $"{record.Directory} holds {bytes:N0} bytes; committed records keep a few MB at most.");
    }
}
