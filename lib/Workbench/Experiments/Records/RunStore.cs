using System.Text.Json;
using Workbench.Training.Records;

namespace Workbench.Experiments.Records;

/// <summary>
/// The folder of run records (default <c>artifacts/runs</c> under the repository root): finds runs by
/// id, path or config hash, allocates new ids, reads and writes manifests and metrics.
/// </summary>
public sealed class RunStore
{
    /// <summary>A store rooted at <paramref name="root"/> (created on first write).</summary>
    public RunStore(string root)
    {
        Root = Path.GetFullPath(root ?? throw new ArgumentNullException(nameof(root)));
    }

    /// <summary>The folder holding one sub-folder per run.</summary>
    public string Root { get; }

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

    /// <summary>Writes <c>manifest.json</c> atomically.</summary>
    public static void WriteManifest(string runDirectory, RunManifest manifest) =>
        AtomicFile.WriteAllText(Path.Combine(runDirectory, RunFiles.Manifest), JsonSerializer.Serialize(manifest, RecordJson.Indented));

    /// <summary>Reads a JSON record file.</summary>
    /// <exception cref="InvalidDataException">Missing, empty or not JSON of that shape.</exception>
    public static T ReadJson<T>(string path)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"{path} does not exist.");
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), RecordJson.Indented)
                   ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a valid {typeof(T).Name}: {e.Message}", e);
        }
    }

    /// <summary>Writes a JSON record file atomically (indented).</summary>
    public static void WriteJson<T>(string path, T value) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(value, RecordJson.Indented));
}
