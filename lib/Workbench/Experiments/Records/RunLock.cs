using Workbench.Training.Records;

using System.Diagnostics;
using System.Text.Json;

namespace Workbench.Experiments.Records;

/// <summary>
/// The lock a process holds on a run folder while it trains (or retrains, or resumes) that run.
/// </summary>
/// <remarks>
/// <para><b>Mechanism.</b> An exclusive OS lock on <c>&lt;run&gt;/.lock</c>: the file is opened with
/// <see cref="FileShare.None"/>, which .NET implements on Unix as <c>flock(LOCK_EX | LOCK_NB)</c>. The kernel
/// (or the NFS server) releases it when the process ends in any way, SIGKILL and crashes included, so a dead
/// owner never blocks a run: its lock is simply free, and the next process takes it over. Who holds it is
/// written, after the lock is taken, to <c>&lt;run&gt;/.lock.owner</c> (pid, host, time, command; JSON,
/// replaced atomically); the owner file is informative only and is kept after release as "last owner".</para>
/// <para><b>Shared filesystems (Slurm, many writers).</b> On Linux NFS (v3 with lockd, v4) <c>flock</c> is
/// emulated with a whole-file POSIX lock held by the server, so it excludes processes on every node. When a
/// node dies, the server frees its locks after the lease (NFSv4: about 90 s); until then the run reports as
/// busy and nothing is lost. Lustre must be mounted with <c>-o flock</c> (with <c>localflock</c> locks are per
/// node, which is unsafe); GPFS, BeeGFS and CephFS support <c>flock</c>. Do not set
/// <c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>: it turns the lock into a no-op.</para>
/// <para><b>Protocol.</b> A writer takes the lock <em>before</em> it reads the manifest to decide what to do
/// (reuse, continue, retrain), and keeps it until its last record is written, so two processes never decide
/// on the same run at once. Readers (listings, <c>experiment show</c>) never need the lock: every record is
/// replaced atomically. <see cref="IsHeld"/> probes by trying the lock for an instant; an acquirer retries
/// for <see cref="AcquireRetry"/> so that a concurrent probe is not mistaken for an owner.</para>
/// </remarks>
public sealed class RunLock : IDisposable
{
    /// <summary>The locked file in a run folder.</summary>
    public const string FileName = ".lock";

    /// <summary>The file naming the holder (or last holder).</summary>
    public const string OwnerFileName = ".lock.owner";

    /// <summary>How long <see cref="Acquire"/> keeps trying before it reports the run busy (covers probes by readers).</summary>
    public static readonly TimeSpan AcquireRetry = TimeSpan.FromSeconds(1);

    private FileStream? _stream;

    private RunLock(string directory, FileStream stream, RunLockOwner owner)
    {
        Directory = directory;
        _stream = stream;
        Owner = owner;
    }

    /// <summary>The locked run folder.</summary>
    public string Directory { get; }

    /// <summary>This process's ownership record.</summary>
    public RunLockOwner Owner { get; }

    /// <summary>Takes the lock of <paramref name="runDirectory"/> (creating the folder), or throws when a live process holds it.</summary>
    /// <exception cref="RunLockedException">Another process holds it; the message names it.</exception>
    public static RunLock Acquire(string runDirectory)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (TryAcquire(runDirectory) is { } taken) return taken;
            if (clock.Elapsed >= AcquireRetry) throw new RunLockedException(runDirectory, ReadOwner(runDirectory));
            Thread.Sleep(50);
        }
    }

    /// <summary>Takes the lock if it is free now; null when another process holds it.</summary>
    public static RunLock? TryAcquire(string runDirectory)
    {
        System.IO.Directory.CreateDirectory(runDirectory);
        var stream = TryOpen(Path.Combine(runDirectory, FileName));
        if (stream is null) return null;
        var owner = new RunLockOwner(Environment.ProcessId, Environment.MachineName, DateTimeOffset.UtcNow, string.Join(' ', Environment.GetCommandLineArgs()));
        try
        {
            AtomicFile.WriteAllText(Path.Combine(runDirectory, OwnerFileName), JsonSerializer.Serialize(owner, RecordJson.Indented));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        return new RunLock(runDirectory, stream, owner);
    }

    /// <summary>Whether a live process holds the lock of <paramref name="runDirectory"/> now (probes for an instant; no lock file: false).</summary>
    public static bool IsHeld(string runDirectory)
    {
        string path = Path.Combine(runDirectory, FileName);
        if (!File.Exists(path)) return false;
        using var stream = TryOpen(path);
        return stream is null;
    }

    /// <summary>The holder (or last holder) recorded in <c>.lock.owner</c>, or null.</summary>
    public static RunLockOwner? ReadOwner(string runDirectory)
    {
        try
        {
            return JsonSerializer.Deserialize<RunLockOwner>(File.ReadAllText(Path.Combine(runDirectory, OwnerFileName)), RecordJson.Indented);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Releases the lock (the owner file stays, as the last owner).</summary>
    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
    }

    private static FileStream? TryOpen(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
        {
            return null; // EWOULDBLOCK from flock: held by another process
        }
    }
}
