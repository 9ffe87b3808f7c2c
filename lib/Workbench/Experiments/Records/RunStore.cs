using System.Text.Json;
using Workbench.Training.Records;

namespace Workbench.Experiments.Records;

/// <summary>
/// The folder of run records (default <c>artifacts/runs</c> under the repository root): finds runs by
/// id, path or config hash, allocates new ids, reads and writes manifests and metrics. A store may also
/// read committed records (<see cref="CommittedRoots"/>, e.g. <c>results/&lt;paper&gt;/runs</c>): a read-only
/// layer beside the writable <see cref="Root"/>, consulted first and never written (<see cref="FindCommitted"/>).
/// </summary>
public sealed class RunStore
{
    /// <summary>A store rooted at <paramref name="root"/> (created on first write).</summary>
    public RunStore(string root)
    {
        Root = Path.GetFullPath(root ?? throw new ArgumentNullException(nameof(root)));
    }

    /// <summary>A store writing into <paramref name="root"/> that also shows the committed records under <paramref name="committedRoots"/> (read-only).</summary>
    public RunStore(string root, IEnumerable<string> committedRoots) : this(root)
    {
        ArgumentNullException.ThrowIfNull(committedRoots);
        CommittedRoots = committedRoots.Select(Path.GetFullPath).Where(r => r != Root).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The folder holding one sub-folder per run.</summary>
    public string Root { get; }

    /// <summary>Folders of committed records read beside <see cref="Root"/> and never written (empty for a plain store).</summary>
    public IReadOnlyList<string> CommittedRoots { get; } = [];

    /// <summary>
    /// The store a report and the notebooks use: <c>artifacts/runs</c> (<see cref="DefaultRoot"/>) for new runs, and, unless
    /// <paramref name="retrain"/>, every <c>results/&lt;paper&gt;/runs</c> of the repository as committed records. <paramref name="retrain"/>
    /// defaults to the <c>WORKBENCH_RETRAIN</c> environment variable (<c>1</c>: train fresh runs instead of showing committed ones;
    /// set by <c>workbench report --retrain</c>).
    /// </summary>
    public static RunStore WithCommittedRecords(string? start = null, bool? retrain = null)
    {
        string from = Path.GetFullPath(start ?? Directory.GetCurrentDirectory());
        string root = DefaultRoot(from);
        if (retrain ?? Environment.GetEnvironmentVariable("WORKBENCH_RETRAIN") == "1") return new RunStore(root);
        string results = Path.Combine(Runtime.RepositoryRoot.Find(from) ?? from, "results");
        var committed = Directory.Exists(results)
            ? Directory.EnumerateDirectories(results).Select(p => Path.Combine(p, "runs")).Where(Directory.Exists).Order(StringComparer.Ordinal).ToList()
            : [];
        return new RunStore(root, committed);
    }

    /// <summary>Whether <paramref name="runDirectory"/> lies in one of the <see cref="CommittedRoots"/>.</summary>
    public bool IsCommitted(string runDirectory)
    {
        string full = Path.GetFullPath(runDirectory);
        return CommittedRoots.Any(r => full.StartsWith(r + Path.DirectorySeparatorChar, StringComparison.Ordinal));
    }

    /// <summary>Every committed record (of every <see cref="CommittedRoots"/> folder), newest start first.</summary>
    /// <remarks>Read once per store: committed records do not change while a process shows them.</remarks>
    public IReadOnlyList<(string Directory, RunManifest Manifest)> ListCommitted() =>
        _committed ??= CommittedRoots.SelectMany(ListIn).OrderByDescending(r => r.Manifest.StartedUtc).ThenBy(r => r.Directory, StringComparer.Ordinal).ToList();

    private IReadOnlyList<(string Directory, RunManifest Manifest)>? _committed;

    /// <summary>
    /// The committed record to show for <paramref name="configHash"/>, or null: the newest finished, undamaged record whose identity
    /// is the current one, differs only in CPU kernels or threads (<see cref="RecordMatch.OtherEnvironment"/>: shown, labelled, never
    /// trained again here) or predates identities (<see cref="RecordMatch.Unknown"/>). A record whose data, code version or device
    /// differ is passed over with a line to <paramref name="log"/>: it is another experiment, and the run trains in <see cref="Root"/>.
    /// </summary>
    /// <param name="configHash">The configuration hash of the run.</param>
    /// <param name="current">The current identity, computed only when a candidate records one (it reads the data's fingerprint).</param>
    /// <param name="log">Receives why a committed record is not shown.</param>
    /// <param name="kind">The record kind.</param>
    public CommittedRecord? FindCommitted(string configHash, Func<RunIdentity> current, Action<string>? log = null, string kind = RunKinds.Run)
    {
        ArgumentNullException.ThrowIfNull(current);
        RunIdentity? now = null;
        foreach (var (dir, manifest) in ListCommitted())
        {
            if (manifest.Kind != kind || manifest.Status != RunStatus.Finished || manifest.ConfigHash != configHash) continue;
            // A committed record keeps a subset of its files (a table needs the metrics; views read a few more files of a few runs).
            if (RunRecordCheck.Problems(dir, manifest, keptOnly: true) is { Count: > 0 } problems)
            {
                log?.Invoke($"Committed record {manifest.RunId} is damaged ({string.Join("; ", problems)}); it is not shown.");
                continue;
            }
            if (manifest.Identity is not { } recorded) return new CommittedRecord(dir, manifest, RecordMatch.Unknown, []);
            now ??= current();
            var match = recorded.Match(now);
            if (match != RecordMatch.Different) return new CommittedRecord(dir, manifest, match, recorded.Differences(now));
            log?.Invoke($"Committed record {manifest.RunId} is another experiment ({string.Join("; ", recorded.Differences(now))}); it is not shown, and the run trains in {Root}.");
        }
        return null;
    }

    /// <summary><c>artifacts/runs</c> under the repository root found above <paramref name="start"/> (default: the current directory), else under the start folder.</summary>
    public static string DefaultRoot(string? start = null)
    {
        string from = Path.GetFullPath(start ?? Directory.GetCurrentDirectory());
        return Path.Combine(Runtime.RepositoryRoot.Find(from) ?? from, "artifacts", "runs");
    }

    /// <summary>The folder of a run given its id (under <see cref="Root"/>) or a path.</summary>
    /// <exception cref="DirectoryNotFoundException">Neither exists; the message says where it looked.</exception>
    public string Resolve(string runIdOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runIdOrPath);
        if (Directory.Exists(runIdOrPath)) return Path.GetFullPath(runIdOrPath);
        string underRoot = Path.Combine(Root, runIdOrPath);
        if (Directory.Exists(underRoot)) return underRoot;
        throw new DirectoryNotFoundException(
            $"No run '{runIdOrPath}': it is neither a folder nor a run id under {Root}. List runs with `workbench experiment show {Root}`.");
    }

    /// <summary>Every folder under <see cref="Root"/> with a readable manifest, newest start first.</summary>
    public IReadOnlyList<(string Directory, RunManifest Manifest)> List() => ListIn(Root);

    /// <summary>Every sub-folder of <paramref name="folder"/> with a readable manifest, newest start first.</summary>
    public static IReadOnlyList<(string Directory, RunManifest Manifest)> ListIn(string folder)
    {
        if (!Directory.Exists(folder)) return [];
        var runs = new List<(string, RunManifest)>();
        foreach (var dir in Directory.EnumerateDirectories(folder))
        {
            if (!File.Exists(Path.Combine(dir, RunFiles.Manifest))) continue;
            try
            {
                runs.Add((dir, ReadManifest(dir)));
            }
            catch (Exception e) when (e is JsonException or IOException or InvalidDataException)
            {
                // a torn or foreign file: not a run we can use
            }
        }
        return runs.OrderByDescending(r => r.Item2.StartedUtc).ThenBy(r => r.Item1, StringComparer.Ordinal).ToList();
    }

    /// <summary>The newest finished record of <paramref name="kind"/> with <paramref name="configHash"/>, or null.</summary>
    public (string Directory, RunManifest Manifest)? FindFinished(string configHash, string kind = RunKinds.Run)
    {
        foreach (var run in List())
        {
            if (run.Manifest.Kind == kind && run.Manifest.Status == RunStatus.Finished && run.Manifest.ConfigHash == configHash) return run;
        }
        return null;
    }

    /// <summary>
    /// A committed record <see cref="FindCommitted"/> shows, else the newest finished run in <see cref="Root"/> with
    /// <paramref name="current"/>'s configuration hash that is the same experiment (<see cref="RunIdentity.Differences"/> empty),
    /// or null when there is none. Records
    /// without an identity (written before identities existed) are passed over with a line to
    /// <paramref name="log"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">A record with this configuration exists but its data, code version, device or threads differ.</exception>
    public (string Directory, RunManifest Manifest)? FindReusable(RunIdentity current, Action<string>? log = null, string kind = RunKinds.Run)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (FindCommitted(current.ConfigHash, () => current, log, kind) is { } committed)
        {
            log?.Invoke($"Showing the committed record {committed.Manifest.RunId} ({committed.Describe()}); nothing trains.");
            return (committed.Directory, committed.Manifest);
        }
        var candidates = List().Where(r => r.Manifest.Kind == kind && r.Manifest.Status == RunStatus.Finished && r.Manifest.ConfigHash == current.ConfigHash).ToList();
        foreach (var run in candidates)
        {
            if (run.Manifest.Identity is not { } recorded || recorded.Differences(current).Count > 0) continue;
            var problems = RunRecordCheck.Problems(run.Directory, run.Manifest);
            if (problems.Count == 0) return run;
            log?.Invoke($"Run {run.Manifest.RunId} is recorded as finished but its records are damaged ({string.Join("; ", problems)}); it is not reused.");
        }
        if (candidates.FirstOrDefault(r => r.Manifest.Identity is { } other && other.Differences(current).Count > 0) is { Manifest: { Identity: { } identity } } mismatch)
        {
            throw new InvalidDataException(
                $"Run {mismatch.Manifest.RunId} has this configuration but is not the same experiment: {string.Join("; ", identity.Differences(current))}. " +
                "It is not reused. Pass --force to train a new record beside it, or run with the recorded settings.");
        }
        var legacy = candidates.Where(c => c.Manifest.Identity is null).ToList();
        if (legacy.Count > 0)
        {
            log?.Invoke($"Not reusing {string.Join(", ", legacy.Select(c => c.Manifest.RunId))}: recorded before runs carried a data fingerprint and code version " +
                        "(valid for tables, not reusable for training; `workbench reproduce` re-checks it). Training a new record.");
        }
        return null;
    }

    /// <summary><paramref name="baseId"/> if no folder has that name, else <c>baseId-2</c>, <c>-3</c>, …</summary>
    public string AllocateId(string baseId)
    {
        if (!Directory.Exists(Path.Combine(Root, baseId))) return baseId;
        for (int i = 2; ; i++)
        {
            string id = $"{baseId}-{i}";
            if (!Directory.Exists(Path.Combine(Root, id))) return id;
        }
    }

    /// <summary>Reads <c>manifest.json</c> of a run folder.</summary>
    /// <exception cref="InvalidDataException">Missing or not a manifest.</exception>
    public static RunManifest ReadManifest(string runDirectory) => ReadJson<RunManifest>(Path.Combine(runDirectory, RunFiles.Manifest));

    /// <summary>Writes <c>manifest.json</c> atomically, with its checksum.</summary>
    public static void WriteManifest(string runDirectory, RunManifest manifest) => WriteJson(Path.Combine(runDirectory, RunFiles.Manifest), manifest);

    /// <summary>Reads a JSON record file and checks its checksum (<see cref="RecordChecksum"/>).</summary>
    /// <exception cref="DamagedRecordException">Missing, empty, truncated, not JSON of that shape, or its checksum does not match.</exception>
    public static T ReadJson<T>(string path)
    {
        if (!File.Exists(path)) throw new DamagedRecordException(path, "missing");
        string text = File.ReadAllText(path);
        if (text.Length == 0) throw new DamagedRecordException(path, "empty");
        try
        {
            return JsonSerializer.Deserialize<T>(RecordChecksum.Open(text, path), RecordJson.Indented)
                   ?? throw new DamagedRecordException(path, "empty");
        }
        catch (JsonException e)
        {
            throw new DamagedRecordException(path, $"not a valid {typeof(T).Name}: {e.Message}");
        }
    }

    /// <summary>Writes a JSON record file atomically (temporary file, fsync, rename), indented and sealed with its checksum.</summary>
    public static void WriteJson<T>(string path, T value) => AtomicFile.WriteAllText(path, RecordChecksum.Seal(JsonSerializer.Serialize(value, RecordJson.Indented)));
}
