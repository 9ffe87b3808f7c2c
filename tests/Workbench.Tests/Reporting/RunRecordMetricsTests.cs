using Workbench.Experiments.Records;
using Workbench.Reporting.Tables;
using Workbench.Tests.Training;
using Workbench.Training.Records;

namespace Workbench.Tests.Reporting;

/// <summary>Run records → <see cref="RunMetrics"/> → <see cref="AblationTable"/>, on the committed DML and SPQ records.</summary>
public class RunRecordMetricsTests
{
    private static RunStore Committed(string paper) => new(Path.Combine(TestHost.RepoRoot, "results", paper, "runs"));

    [Fact]
    public void Seeds_of_one_setting_become_one_row_with_the_mean_and_sample_sd_of_their_final_metrics()
    {
        var store = Committed("dml");
        var runs = RunRecordMetrics.FromStore(store, "dml", "reduced");
        // Some 2026-12-07 fonts records store a collapse verdict of the old spread threshold (0.05); read with today's
        // rule they are healthy, so no DML row carries the label.
        const string setting = "dataset=fonts, loss=facility-location, ratio=0.5";
        Assert.DoesNotContain(runs, r => (r.Setting ?? "").EndsWith(RunRecordMetrics.CollapsedLabel, StringComparison.Ordinal));
        string label = setting;
        var cell = runs.Where(r => r.Setting == label).ToList();
        Assert.Equal([0L, 1L, 2L], cell.Select(r => r.Seed).Order());

        // the same numbers straight from each run's metrics.json
        var nmi = store.List().Where(r => r.Manifest.Status == RunStatus.Finished && r.Manifest.Kind == RunKinds.Run
                                          && RunRecordMetrics.SettingOf(r.Manifest) == setting)
            .Select(r => RunStore.ReadJson<MetricsRecord>(Path.Combine(r.Directory, RunFiles.Metrics)).Final!.Metrics["NMI"]).ToArray();
        Assert.Equal(3, nmi.Length);
        double mean = nmi.Sum() / 3, sd = Math.Sqrt(nmi.Sum(x => (x - mean) * (x - mean)) / 2);

        var table = AblationTable.Build(runs);
        long row = Enumerable.Range(0, (int)table.Rows.Count).Single(i => (string)table["setting"][i] == label);
        Assert.Equal(3, (int)table["n"][row]);
        Assert.Equal(mean, (double)table["NMI"][row]!, 12);
        Assert.Equal(sd, (double)table["NMI" + AblationTable.SdSuffix][row]!, 12);
    }

    [Fact]
    public void Aggregates_and_unfinished_runs_are_left_out_and_the_setting_drops_sources_and_seeds()
    {
        var manifest = new RunManifest { Method = "spq", Preset = "reduced", Variant = "Seed", Overrides = ["training.epochs=30 (--set)", "seed=3 (--seeds)", "bits=64 (ablation plan)"] };
        Assert.Equal("training.epochs=30, bits=64", RunRecordMetrics.SettingOf(manifest));
        Assert.Null(RunRecordMetrics.SettingOf(manifest with { Overrides = [] }));
        Assert.Null(RunRecordMetrics.FromRun(TestHost.RepoRoot, manifest with { Status = RunStatus.Failed }));
        Assert.Null(RunRecordMetrics.FromRun(TestHost.RepoRoot, manifest with { Status = RunStatus.Finished, Kind = RunKinds.Aggregate }));
        Assert.Null(RunRecordMetrics.FromRun(TestHost.RepoRoot, manifest with { Status = RunStatus.Finished })); // no metrics.json there

        var spq = RunRecordMetrics.FromStore(Committed("spq"), "spq");
        Assert.Contains(spq, r => r.Setting == "bits=32, training.epochs=100" && Math.Abs(r.Metrics["mAP@1000"] - 0.6506) < 1e-4);
    }

    [Fact]
    public void A_collapsed_run_forms_its_own_labelled_row()
    {
        using var dir = new TempDirectory();
        var manifest = new RunManifest { Kind = RunKinds.Run, Status = RunStatus.Finished, Method = "ucdir", Preset = "reduced", Variant = "Seed", Overrides = ["ablation=CW (--set)"] };
        var final = new EvaluationSnapshot("final", 1, 10, new Dictionary<string, double> { ["mean P@1"] = 5 });
        RunStore.WriteJson(Path.Combine(dir.Path, RunFiles.Metrics), new MetricsRecord { Final = final, Health = new Workbench.Metrics.Health.CollapseVerdict(true, true, ["x"], "final evaluation") });
        Assert.Equal("ablation=CW " + RunRecordMetrics.CollapsedLabel, RunRecordMetrics.FromRun(dir.Path, manifest)!.Setting);
        RunStore.WriteJson(Path.Combine(dir.Path, RunFiles.Metrics), new MetricsRecord { Final = final, Health = new Workbench.Metrics.Health.CollapseVerdict(true, false, [], "final evaluation") });
        Assert.Equal("ablation=CW", RunRecordMetrics.FromRun(dir.Path, manifest)!.Setting);
    }

    [Fact]
    public void The_compare_command_prints_the_table_and_says_when_nothing_matches()
    {
        using var dir = new TempDirectory();
        string csv = Path.Combine(dir.Path, "compare.csv");
        Assert.Equal(0, CliInvocation.Invoke("experiment", "compare", "--method", "spq", "--out", Path.Combine(TestHost.RepoRoot, "results", "spq", "runs"), "--csv", csv));
        var table = TableCsv.Load(csv);
        Assert.Contains("mAP@1000", table.Columns.Select(c => c.Name));
        Assert.Equal(2, CliInvocation.Invoke("experiment", "compare", "--method", "nope", "--out", dir.Path));
    }
}
