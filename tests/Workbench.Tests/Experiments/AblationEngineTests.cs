using Workbench.Experiments;
using Workbench.Experiments.Ablation;
using Workbench.Experiments.Configs;
using Workbench.Experiments.Records;
using Workbench.Papers.Spq;
using Workbench.Tests.Training;
using Workbench.Training;
using Workbench.Training.Records;
using Workbench.Training.Validation;

namespace Workbench.Tests.Experiments;

/// <summary>
/// The ablation engine: every task's command line is the same run as the task run in-process (the seam of batch
/// schedulers), the engine finds a run started from that command line, reports status and progress, and each paper's
/// smoke ablation runs and reports end to end through <c>workbench ablation</c>.
/// </summary>
[Collection(SerialTorchRng.Name)]
public class AblationEngineTests
{
    public static TheoryData<string, string> PapersAndPresets => new()
    {
        { "spq", "smoke" }, { "spq", "reduced" }, { "ucdir", "smoke" }, { "ucdir", "reduced" }, { "dml", "smoke" }, { "dml", "reduced" }, { "facility-location", "paper" },
    };

    [Theory]
    [MemberData(nameof(PapersAndPresets))]
    public void Every_task_command_line_resolves_to_the_run_of_the_task(string paper, string preset)
    {
        using var dir = new TempDirectory();
        var engine = new AblationRunner(new RunStore(dir.Path));
        var request = new AblationRequest(PresetLabels.Parse(preset), null, [ConfigOverride.Parse("training.evaluateEvery=0")]);
        var spec = AblationCatalog.Default.Get(paper).Spec(paper == "spq" ? request with { Overrides = [] } : request);
        var plan = engine.Plan(spec);
        Assert.Equal(spec.Rows.Sum(r => r.Seeds.Count), plan.Tasks.Count);
        Assert.Equal(plan.Tasks.Count, plan.Tasks.Select(t => t.RunId).Distinct().Count());
        foreach (var task in plan.Tasks)
        {
            var args = task.Arguments;
            Assert.Equal(["experiment", "run", task.Cell.Experiment.Method.Name], args.Take(3));
            Assert.Equal(dir.Path, Value(args, "--out").Single());
            var fromCli = engine.Runner.Resolve(args[2], PresetLabels.Parse(Value(args, "--preset").Single()), Value(args, "--variant").SingleOrDefault(),
                Value(args, "--set").Select(ConfigOverride.Parse).ToList()).WithSeed(long.Parse(Value(args, "--seed").Single(), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(task.Cell.Experiment.ConfigHash, fromCli.ConfigHash);
            Assert.Equal(task.RunId, fromCli.BaseRunId);
        }
        Assert.StartsWith("workbench experiment run ", plan.Tasks[0].CommandLine);
    }

    [Fact]
    public void A_run_started_from_a_task_command_line_is_found_reused_and_reported()
    {
        using var dir = new TempDirectory();
        var engine = new AblationRunner(new RunStore(dir.Path));
        var spec = new Workbench.Papers.Spq.Ablation.SpqAblation().Spec(new AblationRequest(PresetLabel.Smoke)).Only("row", ["LSH", "PQ (pixels)"]).Only("bits", ["16"]);
        var plan = engine.Plan(spec);
        Assert.Equal(2, plan.Tasks.Count);
        Assert.All(engine.Status(spec), s => Assert.Equal(AblationCellState.Pending, s.State));

        var lsh = plan.Tasks.Single(t => t.Cell.Row.Label == "LSH");
        Assert.Equal(0, CliInvocation.Invoke([.. lsh.Arguments]));
        var status = engine.Status(spec);
        Assert.Equal(lsh.RunId, status.Single(s => s.State == AblationCellState.Finished).RunId);
        Assert.Equal([plan.Tasks.Single(t => t != lsh).RunId], engine.Plan(spec).Tasks.Select(t => t.RunId));

        var reports = new List<AblationProgress>();
        var result = engine.Run(spec, new AblationRunOptions { Progress = new Collect(reports) });
        Assert.True(result.Complete);
        Assert.Equal(1, reports[^1].Done);
        Assert.Equal(1, reports[^1].Total);
        Assert.Contains(reports, r => r.Current?.Cell.Row.Label == "PQ (pixels)");
        Assert.Equal(lsh.RunId, result.Rows.Single(r => r.Row.Label == "LSH").Runs.Single().Manifest.RunId);
        string metric = result.Rows[1].Runs[0].Final.Keys.First(k => k.StartsWith("mAP@", StringComparison.Ordinal));
        Assert.Equal(result.Rows[1].Runs[0].Final[metric], result.Rows[1].Final[metric].Mean);

        // A failed record shows as failed with its message, and is planned again.
        string lshDir = Path.Combine(dir.Path, lsh.RunId);
        RunStore.WriteManifest(lshDir, RunStore.ReadManifest(lshDir) with { Status = RunStatus.Failed, Message = "IOException: disk full" });
        var failed = engine.Status(spec).Single(s => s.Cell.Row.Label == "LSH");
        Assert.Equal((AblationCellState.Failed, "IOException: disk full"), (failed.State, failed.Message));
        Assert.Equal([lsh.RunId], engine.Plan(spec).Tasks.Select(t => t.RunId));
    }

    [Theory]
    [InlineData("spq", new[] { "--only", "bits=32" }, new[] { "ablation-smoke.csv", "ablation-smoke.md" })]
    [InlineData("ucdir", new[] { "--seeds", "1", "--only", "variant=Official" }, new[] { "ablation-smoke.csv", "ablation-smoke.md" })]
    [InlineData("dml", new[] { "--seeds", "1", "--only", "loss=facility-location,contrastive" }, new[] { "ablation-smoke.csv", "ablation-smoke-runs.csv", "ablation-smoke.md" })]
    public void Each_paper_smoke_ablation_runs_and_reports_through_the_cli(string paper, string[] options, string[] files)
    {
        using var dir = new TempDirectory();
        string runs = Path.Combine(dir.Path, "runs"), tables = Path.Combine(dir.Path, "tables"), again = Path.Combine(dir.Path, "again");
        Assert.Equal(0, CliInvocation.Invoke(["ablation", "run", paper, "--preset", "smoke", .. options, "--out", runs, "--results", tables]));
        Assert.Equal(0, CliInvocation.Invoke(["ablation", "report", paper, "--preset", "smoke", .. options, "--out", runs, "--results", again]));
        foreach (string file in files.Where(f => f.EndsWith(".csv", StringComparison.Ordinal)))
        {
            Assert.Equal(File.ReadAllText(Path.Combine(tables, file)), File.ReadAllText(Path.Combine(again, file)));
        }
        Assert.All(files, f => Assert.True(File.Exists(Path.Combine(tables, f)), f));
        Assert.Equal(0, CliInvocation.Invoke(["ablation", "status", paper, "--preset", "smoke", .. options, "--out", runs]));
        Assert.Equal(2, CliInvocation.Invoke(["ablation", "run", paper, "--preset", "smoke", "--only", "nosuchaxis=1", "--out", runs]));
    }

    private static IEnumerable<string> Value(IReadOnlyList<string> args, string option) =>
        args.Select((a, i) => (a, i)).Where(p => p.a == option).Select(p => args[p.i + 1]);

    private sealed class Collect(List<AblationProgress> into) : IProgress<AblationProgress>
    {
        public void Report(AblationProgress value) => into.Add(value);
    }
}
