namespace Workbench.Experiments.Records;

/// <summary>Who holds (or last held) a run folder's <see cref="RunLock"/>: written to <c>.lock.owner</c> once the lock is taken.</summary>
/// <param name="Pid">Process id on <paramref name="Host"/>.</param>
/// <param name="Host">Machine name (a node of a cluster).</param>
/// <param name="SinceUtc">When the lock was taken.</param>
/// <param name="Command">The command line of the owner, for people.</param>
public sealed record RunLockOwner(int Pid, string Host, DateTimeOffset SinceUtc, string Command)
{
    /// <summary><c>pid 1234 on node7 since 2026-12-07 13:20:00Z</c>.</summary>
    public override string ToString() => $"pid {Pid} on {Host} since {SinceUtc:u}";
}
