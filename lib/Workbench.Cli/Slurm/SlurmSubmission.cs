using System.Globalization;
using Workbench.Experiments.Records;

namespace Workbench.Cli.Slurm;

/// <summary>
/// One submitted (or dry-run) array, recorded next to the runs it trains:
/// <c>&lt;store&gt;/slurm/&lt;name&gt;-&lt;utc time&gt;/</c> holds <c>array.sbatch</c>, <c>submission.json</c> (this record)
/// and <c>logs/task-&lt;index&gt;.log</c>. <c>ablation status</c> reads the newest ones back.
/// </summary>
public sealed record SlurmSubmission
{
    /// <summary>The record's file name inside the submission folder.</summary>
    public const string RecordFile = "submission.json";

    /// <summary>The script's file name inside the submission folder.</summary>
    public const string ScriptFile = "array.sbatch";

    /// <summary>The ablation's name, e.g. <c>spq-smoke</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>The submission folder.</summary>
    public string Directory { get; init; } = "";

    /// <summary>The run store every task writes into.</summary>
    public string Store { get; init; } = "";

    /// <summary>The array's job id from <c>sbatch --parsable</c>; null until submitted.</summary>
    public string? JobId { get; init; }

    /// <summary>When it was written.</summary>
    public DateTimeOffset CreatedUtc { get; init; }

    /// <summary>The tasks, array index = position.</summary>
    public IReadOnlyList<SlurmTask> Tasks { get; init; } = [];

    /// <summary>The batch script's path.</summary>
    public string ScriptPath => Path.Combine(Directory, ScriptFile);

    /// <summary>The log folder.</summary>
    public string LogDirectory => Path.Combine(Directory, "logs");

    /// <summary>The log of array task <paramref name="index"/>.</summary>
    public string LogPath(int index) => Path.Combine(LogDirectory, $"task-{index.ToString(CultureInfo.InvariantCulture)}.log");

    /// <summary>The folder of every submission of <paramref name="store"/>.</summary>
    public static string Root(string store) => Path.Combine(store, "slurm");

    /// <summary>A new submission folder for <paramref name="name"/> (created with its log folder) and its record, not yet written.</summary>
    public static SlurmSubmission Create(string store, string name, IReadOnlyList<SlurmTask> tasks, DateTimeOffset now)
    {
        string stamp = now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        string dir = Path.Combine(Root(store), $"{name}-{stamp}");
        for (int i = 2; System.IO.Directory.Exists(dir); i++) dir = Path.Combine(Root(store), $"{name}-{stamp}-{i.ToString(CultureInfo.InvariantCulture)}");
        var submission = new SlurmSubmission { Name = name, Directory = dir, Store = store, CreatedUtc = now, Tasks = tasks };
        System.IO.Directory.CreateDirectory(submission.LogDirectory);
        return submission;
    }

    /// <summary>Writes <see cref="RecordFile"/> atomically.</summary>
    public void Save() => RunStore.WriteJson(Path.Combine(Directory, RecordFile), this);

    /// <summary>Every submitted array of <paramref name="name"/> in <paramref name="store"/>, newest first.</summary>
    public static IReadOnlyList<SlurmSubmission> List(string store, string name)
    {
        string root = Root(store);
        if (!System.IO.Directory.Exists(root)) return [];
        var found = new List<SlurmSubmission>();
        foreach (string dir in System.IO.Directory.EnumerateDirectories(root, name + "-*"))
        {
            string file = Path.Combine(dir, RecordFile);
            if (!File.Exists(file)) continue;
            var s = RunStore.ReadJson<SlurmSubmission>(file);
            if (s.Name == name && s.JobId is not null) found.Add(s with { Directory = dir });
        }
        return found.OrderByDescending(s => s.CreatedUtc).ToList();
    }
}
