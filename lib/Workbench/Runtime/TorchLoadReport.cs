namespace Workbench.Runtime;

/// <summary>What <see cref="TorchRuntime.EnsureLoaded"/> did.</summary>
/// <param name="Action">One of <c>preloaded</c>, <c>preloaded-patched</c>, <c>already-loaded</c>, <c>left-to-torchsharp</c>.</param>
/// <param name="LibStdCxx">The libstdc++ the process uses, or null off Linux.</param>
/// <param name="WeakenedVersions">Version requirements marked weak on the private copy (empty when none were needed).</param>
/// <param name="LoadedFiles">Native files loaded, in order.</param>
/// <param name="ElapsedMilliseconds">Time spent.</param>
public sealed record TorchLoadReport(
    string Action,
    string? LibStdCxx,
    IReadOnlyList<string> WeakenedVersions,
    IReadOnlyList<string> LoadedFiles,
    double ElapsedMilliseconds)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Action} in {ElapsedMilliseconds:F0} ms" +
        (WeakenedVersions.Count > 0 ? $"; weakened {string.Join(", ", WeakenedVersions)}" : "") +
        (LoadedFiles.Count > 0 ? $"; {string.Join(", ", LoadedFiles.Select(Path.GetFileName))}" : "");
}
