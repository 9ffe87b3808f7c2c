using Workbench.Experiments;
using Workbench.Experiments.Configs;
using Workbench.Experiments.Records;
using Workbench.Runtime;
using Workbench.Training;
using Workbench.Training.Records;
using Workbench.Training.Validation;

namespace Workbench.Experiments.Ablation;

/// <summary>
/// The one ablation engine: resolves every row × seed of an <see cref="AblationSpec"/> (validating all of them
/// before anything runs), plans the runs that have no finished record, hands them to an
/// <see cref="IAblationScheduler"/>, and collects the finished records back into rows aggregated over seeds.
/// Runs are ordinary <see cref="ExperimentRunner"/> runs: reused by configuration hash, resumable, one record each.
/// </summary>
public sealed class AblationRunner
{
    /// <summary>An engine over <paramref name="runner"/>'s registry and run store.</summary>
    public AblationRunner(ExperimentRunner runner) => Runner = runner ?? throw new ArgumentNullException(nameof(runner));

    /// <summary>An engine writing into <paramref name="store"/> with the methods of <paramref name="registry"/> (default: every method of the library).</summary>
    public AblationRunner(RunStore store, ExperimentRegistry? registry = null) : this(new ExperimentRunner(registry ?? ExperimentRegistry.Default, store)) { }

    /// <summary>The runner every run goes through.</summary>
    public ExperimentRunner Runner { get; }

    /// <summary>The run records.</summary>
    public RunStore Store => Runner.Store;

    /// <summary><c>results/&lt;paper&gt;</c> under the repository root found above <paramref name="start"/> (default: the current directory), else under the start folder.</summary>
    public static string ResultsFolder(string paper, string? start = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(paper);
        string from = Path.GetFullPath(start ?? Directory.GetCurrentDirectory());
        return Path.Combine(RepositoryRoot.Find(from) ?? from, "results", paper);
    }

    /// <summary>Every row × seed, resolved: preset, variant, the spec's shared overrides, the row's axis settings, the seed.</summary>
    /// <exception cref="ArgumentException">Unknown method, preset or variant.</exception>
    /// <exception cref="Training.Validation.ConfigValidationException">A row's configuration is invalid (nothing has run).</exception>
    public IReadOnlyList<AblationCell> Resolve(AblationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var cells = new List<AblationCell>();
        foreach (var row in spec.Rows)
        {
            var experiment = Runner.Resolve(row.Method, spec.Preset, row.Variant, spec.Overrides,
                config => row.Settings.Aggregate(config, (c, s) => s.Apply(c)), row.Settings.SelectMany(s => s.Applied));
            foreach (long seed in row.Seeds) cells.Add(new AblationCell(row, seed, experiment.WithSeed(seed)));
        }
        return cells;
    }

    /// <summary>
    /// The plan: every cell, and a task for each cell without a finished record (every cell with <paramref name="force"/>),
    /// first seeds of every row before extra seeds, so an ablation stopped early has the whole grid once.
    /// </summary>
    public AblationPlan Plan(AblationSpec spec, bool force = false)
    {
        var cells = Resolve(spec);
        var finished = force ? new Dictionary<string, Finished>() : FinishedOf(cells);
        var shared = spec.Overrides.Select(o => $"{o.Path}={o.Text ?? o.Json?.GetRawText()}").ToList();
        var tasks = cells
            .Select((cell, i) => (cell, i, rank: cell.Row.Seeds.ToList().IndexOf(cell.Seed)))
            .Where(c => !finished.ContainsKey(c.cell.Experiment.ConfigHash))
            .OrderBy(c => c.rank).ThenBy(c => c.i)
            .Select((c, index) => new AblationTask(index, c.cell, Store.Root, force) { SharedAssignments = shared })
            .ToList();
        return new AblationPlan(spec, cells, tasks, Store.Root);
    }

    /// <summary>Plans, runs (or submits) the tasks with <see cref="AblationRunOptions.Scheduler"/>, and collects what has finished.</summary>
    public AblationResult Run(AblationSpec spec, AblationRunOptions? options = null)
    {
        options ??= new AblationRunOptions();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var plan = Plan(spec, options.Force);
        (options.Log ?? (_ => { }))($"{spec.Title}: {plan.Cells.Count} runs, {plan.Tasks.Count} to do, records in {Store.Root}.");
        (options.Scheduler ?? new LocalAblationScheduler(Runner)).Execute(plan, options);
        return Collect(spec, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The finished records of every row (nothing runs): a committed record the store shows (<see cref="RunStore.FindCommitted"/>)
    /// first, else the newest finished record of the writable store (a forced re-run counts by its newest record).
    /// </summary>
    /// <param name="spec">The ablation.</param>
    /// <param name="wallSeconds">Wall-clock seconds of the invocation, when it ran.</param>
    /// <param name="log">Receives why a committed record is not shown.</param>
    public AblationResult Collect(AblationSpec spec, double? wallSeconds = null, Action<string>? log = null)
    {
        var cells = Resolve(spec);
        var finished = FinishedOf(cells, log);
        var rows = spec.Rows.Select(row => new AblationRowResult(row, cells
            .Where(c => ReferenceEquals(c.Row, row) && finished.ContainsKey(c.Experiment.ConfigHash))
            .Select(c => Read(c.Seed, finished[c.Experiment.ConfigHash]))
            .ToList())).ToList();
        return new AblationResult(spec, rows, wallSeconds);
    }

    /// <summary>
    /// A folder holding <paramref name="files"/> of the run in <paramref name="runDirectory"/> (one of <paramref name="result"/>'s runs), for views that
    /// read more than the numbers (descriptors, indexes, embeddings): the run's own folder when it has them (committed records carry
    /// them for the runs the notebooks inspect by default), else a finished run of the writable store with the same identity that has
    /// them, else this one run trained again in the writable store (never the whole ablation; the tables keep showing the record).
    /// </summary>
    /// <exception cref="ArgumentException">The folder is not one of the result's runs.</exception>
    public string Inspect(AblationResult result, string runDirectory, IReadOnlyList<string> files, AblationRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var run = result.Runs.FirstOrDefault(r => r.Directory == runDirectory)
                  ?? throw new ArgumentException($"{runDirectory} is not a run of the {result.Spec.Title} ablation.", nameof(runDirectory));
        var cell = Resolve(result.Spec).First(c => c.Experiment.ConfigHash == run.Manifest.ConfigHash && c.Seed == run.Seed);
        return Inspect(runDirectory, cell, files, options);
    }

    /// <summary>As <see cref="Inspect(AblationResult, string, IReadOnlyList{string}, AblationRunOptions?)"/> for the run of <paramref name="experiment"/> in <paramref name="runDirectory"/>.</summary>
    public string Inspect(string runDirectory, ResolvedExperiment experiment, IReadOnlyList<string> files, AblationRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var row = new AblationRow(experiment.Method.Name, experiment.Method.Name, experiment.Config.Variant, [], [experiment.Config.Seed]);
        return Inspect(runDirectory, new AblationCell(row, experiment.Config.Seed, experiment), files, options);
    }

    private string Inspect(string runDirectory, AblationCell cell, IReadOnlyList<string> files, AblationRunOptions? options)
    {
        var experiment = cell.Experiment;
        ArgumentNullException.ThrowIfNull(files);
        bool Has(string dir) => files.All(f => File.Exists(Path.Combine(dir, f)));
        if (Has(runDirectory)) return runDirectory;
        options ??= new AblationRunOptions();
        var identity = ExperimentRunner.IdentityOf(experiment, new RunOptions { Device = options.Device });
        foreach (var (dir, manifest) in Store.List())
        {
            if (manifest.Kind == RunKinds.Run && manifest.Status == RunStatus.Finished && manifest.ConfigHash == experiment.ConfigHash
                && manifest.Identity is { } recorded && recorded.Differences(identity).Count == 0 && Has(dir)) return dir;
        }
        string missing = string.Join(", ", files.Where(f => !File.Exists(Path.Combine(runDirectory, f))));
        (options.Log ?? (_ => { }))($"{Path.GetFileName(runDirectory)} has no {missing}: training this one run again in {Store.Root} for them (the tables keep the recorded numbers).");
        var task = new AblationTask(0, cell, Store.Root, true);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        options.Progress?.Report(new AblationProgress(0, 1, task, clock.Elapsed, null));
        var fresh = Runner.Run(experiment, new RunOptions
        {
            Device = options.Device,
            Force = true,
            Cancellation = options.Cancellation,
            Log = options.Log,
            Progress = options.Progress is { } p ? new InspectProgress(p, task, clock) : null,
        });
        options.Progress?.Report(new AblationProgress(1, 1, null, clock.Elapsed, TimeSpan.Zero));
        return fresh.Directory;
    }

    private sealed class InspectProgress(IProgress<AblationProgress> target, AblationTask task, System.Diagnostics.Stopwatch clock) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => target.Report(new AblationProgress(0, 1, task, clock.Elapsed, null, value));
    }

    /// <summary>
    /// Copies the files <paramref name="paper"/>'s notebook reads from its inspected runs (<see cref="AblationPaper.Inspected"/>) from their
    /// records in <paramref name="from"/> (same configuration hash, the same run id preferred) into this store's records of those runs
    /// (the committed <c>results/&lt;paper&gt;/runs</c>), and returns the paths written. Nothing trains.
    /// </summary>
    /// <exception cref="InvalidDataException">An inspected run has no finished record here or in <paramref name="from"/>.</exception>
    public IReadOnlyList<string> CopyInspected(AblationPaper paper, AblationSpec spec, RunStore from, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(paper);
        ArgumentNullException.ThrowIfNull(from);
        var written = new List<string>();
        var finished = FinishedByHash();
        foreach (var inspected in paper.Inspected(Resolve(spec)))
        {
            string hash = inspected.Cell.Experiment.ConfigHash;
            if (!finished.TryGetValue(hash, out var target))
                throw new InvalidDataException($"{inspected.Cell.Row.Key}, seed {inspected.Cell.Seed} has no finished record in {Store.Root}; copy the records first.");
            var sources = from.List().Where(r => r.Manifest.Kind == RunKinds.Run && r.Manifest.Status == RunStatus.Finished && r.Manifest.ConfigHash == hash).ToList();
            var source = sources.FirstOrDefault(r => r.Manifest.RunId == target.Manifest.RunId);
            if (source.Directory is null) source = sources.FirstOrDefault();
            if (source.Directory is null) throw new InvalidDataException($"{inspected.Cell.Row.Key}, seed {inspected.Cell.Seed} ({target.Manifest.RunId}) has no finished record in {from.Root}.");
            var files = paper.CopyInspected(inspected, source.Directory, target.Directory);
            long bytes = files.Sum(f => new FileInfo(f).Length);
            log?.Invoke($"{target.Manifest.RunId}: {string.Join(", ", files.Select(Path.GetFileName))} from {source.Directory} ({bytes / 1e6:F2} MB)");
            written.AddRange(files);
        }
        return written;
    }

    /// <summary>The state of every row × seed: finished, running, stopped, failed (with the manifest's message) or pending.</summary>
    public IReadOnlyList<AblationCellStatus> Status(AblationSpec spec)
    {
        var cells = Resolve(spec);
        var newest = new Dictionary<string, (string Directory, RunManifest Manifest)>(StringComparer.Ordinal);
        var finished = FinishedOf(cells);
        foreach (var run in Store.List().Where(r => r.Manifest.Kind == RunKinds.Run))
        {
            newest.TryAdd(run.Manifest.ConfigHash, run); // List is newest first
        }
        return cells.Select(cell =>
        {
            string hash = cell.Experiment.ConfigHash;
            if (finished.TryGetValue(hash, out var done)) return new AblationCellStatus(cell, AblationCellState.Finished, done.Manifest.RunId, null);
            if (!newest.TryGetValue(hash, out var run)) return new AblationCellStatus(cell, AblationCellState.Pending, null, null);
            var state = run.Manifest.Status switch
            {
                RunStatus.Running when RunLock.IsHeld(run.Directory) => AblationCellState.Running,
                RunStatus.Running or RunStatus.Cancelled or RunStatus.TimeBudgetExhausted => AblationCellState.Stopped, // a dead owner's run is stopped
                _ => AblationCellState.Failed,
            };
            string? why = run.Manifest.Status == RunStatus.Running && state == AblationCellState.Stopped
                ? $"its process is gone ({RunLock.ReadOwner(run.Directory)?.ToString() ?? "owner unknown"}); running the row again continues it"
                : run.Manifest.Message;
            return new AblationCellStatus(cell, state, run.Manifest.RunId, why);
        }).ToList();
    }

    private Dictionary<string, (string Directory, RunManifest Manifest)> FinishedByHash()
    {
        var finished = new Dictionary<string, (string, RunManifest)>(StringComparer.Ordinal);
        foreach (var run in Store.List())
        {
            if (run.Manifest.Kind == RunKinds.Run && run.Manifest.Status == RunStatus.Finished) finished.TryAdd(run.Manifest.ConfigHash, run);
        }
        return finished;
    }

    /// <summary>The finished record of each cell's configuration: the committed one the store shows, else the writable store's newest.</summary>
    private Dictionary<string, Finished> FinishedOf(IReadOnlyList<AblationCell> cells, Action<string>? log = null)
    {
        var stored = FinishedByHash();
        var finished = new Dictionary<string, Finished>(StringComparer.Ordinal);
        foreach (var cell in cells)
        {
            string hash = cell.Experiment.ConfigHash;
            if (finished.ContainsKey(hash)) continue;
            if (Store.CommittedRoots.Count > 0 && Store.FindCommitted(hash, () => ExperimentRunner.IdentityOf(cell.Experiment), log) is { } committed)
            {
                finished[hash] = new Finished(committed.Directory, committed.Manifest, committed);
            }
            else if (stored.TryGetValue(hash, out var run))
            {
                finished[hash] = new Finished(run.Directory, run.Manifest, null);
            }
        }
        return finished;
    }

    private static AblationRun Read(long seed, Finished run) =>
        new(seed, run.Directory, run.Manifest, RunStore.ReadJson<MetricsRecord>(Path.Combine(run.Directory, RunFiles.Metrics))) { Committed = run.Committed };

    private sealed record Finished(string Directory, RunManifest Manifest, CommittedRecord? Committed);
}
