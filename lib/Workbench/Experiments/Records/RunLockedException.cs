namespace Workbench.Experiments.Records;

/// <summary>Another live process holds the lock of a run folder: it is training that run now. Nothing was changed.</summary>
public sealed class RunLockedException : IOException
{
    /// <summary>Creates the exception for the run in <paramref name="runDirectory"/>.</summary>
    public RunLockedException(string runDirectory, RunLockOwner? owner)
        : base($"Run {Path.GetFileName(runDirectory)} is being trained by another process ({owner?.ToString() ?? "owner unknown"}); " +
               "two processes never train one run. Wait for it to end (a finished record is then reused), or follow it with " +
               $"`workbench experiment show {Path.GetFileName(runDirectory)}`.")
    {
        RunDirectory = runDirectory;
        Owner = owner;
    }

    /// <summary>The locked run folder.</summary>
    public string RunDirectory { get; }

    /// <summary>The holder as recorded in <c>.lock.owner</c>, or null if it could not be read.</summary>
    public RunLockOwner? Owner { get; }
}
