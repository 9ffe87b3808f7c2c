using Workbench.Data.Catalog;

namespace Workbench.Experiments.Records;

/// <summary>
/// What makes two runs the same experiment, beyond the configuration hash: the data they read
/// (<see cref="DataFingerprint"/> per dataset), the method's code version (an integer bumped whenever
/// the method's behaviour changes; a test fails when its sources change without the recorded source
/// hash being updated), the device, the CPU instruction sets that pick libtorch's kernels, and the
/// torch thread count (a different thread count or kernel sums in another order, so results differ
/// in the last bits and then diverge). A finished record is reused
/// only when all of these equal the current ones (<see cref="RunStore.FindReusable"/>).
/// </summary>
/// <remarks>
/// Records written before identities existed have none (<see cref="RunManifest.Identity"/> is null):
/// they stay valid for tables and reports, but are never reused for training; re-check them with
/// <c>workbench reproduce</c>.
/// </remarks>
public sealed record RunIdentity
{
    /// <summary>SHA-256 (hex) of method, preset and resolved configuration.</summary>
    public string ConfigHash { get; init; } = "";

    /// <summary>The method's code version when the run started.</summary>
    public int CodeVersion { get; init; }

    /// <summary>The datasets read, by catalog name, with their fingerprints.</summary>
    public IReadOnlyList<DataFingerprint> Data { get; init; } = [];

    /// <summary>Device kind (<c>cpu</c>, <c>cuda</c>).</summary>
    public string Device { get; init; } = "";

    /// <summary>torch intra-op threads.</summary>
    public int Threads { get; init; }

    /// <summary>The CPU instruction sets that select libtorch's kernels (<see cref="Runtime.CpuKernels.Current"/>).</summary>
    public string CpuKernels { get; init; } = "";

    /// <summary>Every field in which <paramref name="now"/> differs from this (recorded) identity, one readable line each; empty when they are the same experiment.</summary>
    public IReadOnlyList<string> Differences(RunIdentity now)
    {
        ArgumentNullException.ThrowIfNull(now);
        var lines = new List<string>();
        if (ConfigHash != now.ConfigHash) lines.Add($"configuration hash {Short(ConfigHash)} recorded, {Short(now.ConfigHash)} now");
        if (CodeVersion != now.CodeVersion) lines.Add($"code version {CodeVersion} recorded, {now.CodeVersion} now (the method's behaviour changed since)");
        foreach (var name in Data.Select(d => d.Dataset).Union(now.Data.Select(d => d.Dataset)))
        {
            var was = Data.FirstOrDefault(d => d.Dataset == name);
            var cur = now.Data.FirstOrDefault(d => d.Dataset == name);
            if (was is null || cur is null) lines.Add($"data: {name} {(was is null ? "not read by the record" : "not read now")}");
            else if (was.ContentHash != cur.ContentHash || !was.Splits.SequenceEqual(cur.Splits)) lines.Add($"data: {was} recorded, {cur} now");
        }
        if (!string.Equals(Device, now.Device, StringComparison.Ordinal)) lines.Add($"device {Device} recorded, {now.Device} now");
        if (!string.Equals(CpuKernels, now.CpuKernels, StringComparison.Ordinal))
            lines.Add($"CPU kernels '{CpuKernels}' recorded, '{now.CpuKernels}' now (libtorch picks kernels by instruction set, and they round differently)");
        if (Threads != now.Threads) lines.Add($"torch threads {Threads} recorded, {now.Threads} now (set WORKBENCH_THREADS={Threads} to match)");
        return lines;
    }

    /// <summary>
    /// How a record with this identity stands against <paramref name="now"/>: the same experiment, the same experiment
    /// run on other CPU kernels or another thread count (the configuration, data, code version and device agree, so its
    /// numbers differ from a fresh run only in rounding that grows over training), or a different experiment.
    /// </summary>
    public RecordMatch Match(RunIdentity now)
    {
        ArgumentNullException.ThrowIfNull(now);
        var environmentOnly = this with { CpuKernels = now.CpuKernels, Threads = now.Threads };
        if (environmentOnly.Differences(now).Count > 0) return RecordMatch.Different;
        return Differences(now).Count == 0 ? RecordMatch.Same : RecordMatch.OtherEnvironment;
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
