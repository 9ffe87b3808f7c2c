using Workbench.Metrics.Health;
using Workbench.Experiments.Configs;
using Workbench.Experiments.Records;
using Workbench.Training;
using Workbench.Training.Records;
using Workbench.Training.Sessions;

namespace Workbench.Experiments;

/// <summary>
/// Keeps one run folder's records current while the trainer runs: history and metrics after every
/// epoch, per-query rows after the final and the best evaluation, the manifest at start, per epoch and
/// at the end. Every file is replaced atomically; JSON records carry their checksum and the manifest,
/// written last each time, lists the digests of the other files (<see cref="RunManifest.Files"/>).
/// </summary>
internal sealed class RunRecorder
{
    private readonly string _dir;
    private readonly DateTimeOffset _segmentStart;
    private readonly int _fromEpoch;
    private RunManifest _manifest;

    public RunRecorder(string dir, RunManifest manifest, int fromEpoch)
    {
        _dir = dir;
        _manifest = manifest;
        _fromEpoch = fromEpoch;
        _segmentStart = DateTimeOffset.UtcNow;
    }

    public RunManifest Manifest => _manifest;

    public string CheckpointPath => Path.Combine(_dir, RunFiles.LastCheckpoint);

    public string BestCheckpointPath => Path.Combine(_dir, RunFiles.BestCheckpoint);

    public MetricsRecord? Metrics { get; private set; }

    /// <summary>Whether <see cref="Start"/> wrote the running manifest (before that, nothing of this attempt is recorded).</summary>
    public bool Started { get; private set; }

    public void Start(RunProgressInfo progress, string schedule, string device, int threads, double setupSeconds)
    {
        var segments = _manifest.Segments.ToList();
        segments.Add(new RunSegment(_segmentStart, null, _fromEpoch, _fromEpoch, device, threads, RunStatus.Running));
        _manifest = _manifest with
        {
            Status = RunStatus.Running,
            Message = null,
            Divergence = null,
            EndedUtc = null,
            Progress = progress,
            Schedule = schedule,
            Device = device,
            Threads = threads,
            Segments = segments,
            Timings = _manifest.Timings with { SetupSeconds = _manifest.Timings.SetupSeconds + setupSeconds },
        };
        WriteManifest();
        Started = true;
    }

    public void OnEpoch(EpochReport report)
    {
        HistoryCsv.Write(Path.Combine(_dir, RunFiles.History), report.State.History);
        if (report.Evaluation is { } evaluation)
        {
            WriteMetrics(report.State, complete: false);
            if (evaluation.PerQuery is { } rows)
            {
                if (report.IsBest) PerQueryCsv.Write(Path.Combine(_dir, RunFiles.PerQueryBest), rows);
                if (report.IsFinal) PerQueryCsv.Write(Path.Combine(_dir, RunFiles.PerQuery), rows);
            }
        }
        var segments = _manifest.Segments.ToList();
        segments[^1] = segments[^1] with { ToEpoch = report.State.Epoch }; // a killed segment still shows how far it got
        _manifest = _manifest with { Progress = _manifest.Progress! with { Epoch = report.State.Epoch, Step = report.State.Step }, Segments = segments };
        WriteManifest();
    }

    public void Finish(TrainingOutcome outcome)
    {
        var state = outcome.State;
        HistoryCsv.Write(Path.Combine(_dir, RunFiles.History), state.History);
        if (state.Last is not null) WriteMetrics(state, outcome.Status == RunStatus.Finished);
        End(outcome.Status, outcome.Status == RunStatus.Finished ? null : outcome.Message, outcome.Divergence, state);
    }

    /// <summary>Records a fit-only run: its one evaluation as final and best, per-query rows, fitting as training time.</summary>
    public void FinishFit(EvaluationResult evaluation, double fitSeconds, double evalSeconds)
    {
        var snapshot = new EvaluationSnapshot("final", 0, 0, evaluation.Metrics);
        WriteMetrics(complete: true, snapshot, snapshot with { Label = "best" }, null);
        if (evaluation.PerQuery is { } rows) PerQueryCsv.Write(Path.Combine(_dir, RunFiles.PerQuery), rows);
        _manifest = _manifest with { Timings = _manifest.Timings with { TrainSeconds = fitSeconds, EvalSeconds = evalSeconds } };
        End(RunStatus.Finished, null, null, null);
    }

    public void Fail(Exception error, TrainerState? state) =>
        End(RunStatus.Failed, $"{error.GetType().Name}: {error.Message}", null, state);

    private void End(RunStatus status, string? message, DivergenceReport? divergence, TrainerState? state)
    {
        var now = DateTimeOffset.UtcNow;
        var segments = _manifest.Segments.ToList();
        if (segments.Count > 0) segments[^1] = segments[^1] with { EndedUtc = now, ToEpoch = state?.Epoch ?? _fromEpoch, Status = status };
        double segmentSeconds = (now - _segmentStart).TotalSeconds;
        var timings = _manifest.Timings with
        {
            TotalSeconds = _manifest.Timings.TotalSeconds + segmentSeconds,
            TrainSeconds = state?.TrainSeconds ?? _manifest.Timings.TrainSeconds,
            EvalSeconds = state?.EvalSeconds ?? _manifest.Timings.EvalSeconds,
            CheckpointSeconds = state?.CheckpointSeconds ?? _manifest.Timings.CheckpointSeconds,
        };
        var progress = _manifest.Progress is { } p && state is not null ? p with { Epoch = state.Epoch, Step = state.Step } : _manifest.Progress;
        _manifest = _manifest with
        {
            Status = status,
            Message = message,
            Divergence = divergence,
            EndedUtc = now,
            Segments = segments,
            Timings = timings,
            Progress = progress,
        };
        WriteManifest();
    }

    /// <summary>Writes the manifest with the digests of the record files present now.</summary>
    private void WriteManifest()
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { RunFiles.History, RunFiles.Metrics, RunFiles.PerQuery, RunFiles.PerQueryBest })
        {
            string path = Path.Combine(_dir, name);
            if (File.Exists(path)) files[name] = RecordChecksum.Of(path);
        }
        _manifest = _manifest with { Files = files };
        RunStore.WriteManifest(_dir, _manifest);
    }

    private void WriteMetrics(TrainerState state, bool complete)
    {
        var final = state.Last is { } last ? last with { Label = complete ? "final" : "last" } : null;
        WriteMetrics(complete, final, state.Best, state.History.Count > 0 ? state.History[^1].Losses : null);
    }

    private void WriteMetrics(bool complete, EvaluationSnapshot? final, EvaluationSnapshot? best, IReadOnlyDictionary<string, double>? finalLosses)
    {
        Metrics = new MetricsRecord
        {
            Method = _manifest.Method,
            Preset = _manifest.Preset,
            Variant = _manifest.Variant,
            Seed = _manifest.Seed,
            ConfigHash = _manifest.ConfigHash,
            Complete = complete,
            Selection = Selection,
            Final = final,
            Best = best,
            FinalLosses = finalLosses,
            Health = final is null ? null : HealthMetrics.Judge(final.Metrics) is { Checked: true } verdict ? verdict : null,
        };
        RunStore.WriteJson(Path.Combine(_dir, RunFiles.Metrics), Metrics);
    }

    public Training.Sessions.MetricSelection? Selection { get; set; }
}
