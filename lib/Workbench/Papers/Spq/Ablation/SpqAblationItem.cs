using Workbench.Papers.Spq.Baselines;

namespace Workbench.Papers.Spq.Ablation;

/// <summary>
/// One row of SPQ's ablation before it runs: an SPQ variant (<see cref="Variant"/> set, <see cref="Baseline"/> null)
/// or a classic baseline (<see cref="Baseline"/> set) at a code length, with the seeds to run.
/// </summary>
/// <param name="Method">Row label: <c>SPQ</c>, <c>SPQ-C</c>, <c>SPQ-H</c>, <c>SPQ (official)</c>, <c>PQ (pixels)</c>, <c>PQ (PCA)</c>, <c>LSH</c>.</param>
/// <param name="Variant">The SPQ variant, or null for a baseline.</param>
/// <param name="Baseline">The baseline, or null for SPQ.</param>
/// <param name="Bits">Code length B.</param>
/// <param name="Seeds">Run seeds.</param>
public sealed record SpqAblationItem(string Method, string? Variant, SpqBaselineKind? Baseline, int Bits, IReadOnlyList<long> Seeds)
{
    /// <summary>The row label of an SPQ variant.</summary>
    public static string MethodLabel(string variant) => variant switch
    {
        SpqVariants.Seed => "SPQ",
        SpqVariants.Official => "SPQ (official)",
        _ => variant,
    };

    /// <summary>The row label of a baseline.</summary>
    public static string MethodLabel(SpqBaselineKind kind) => kind switch
    {
        SpqBaselineKind.PqPixels => "PQ (pixels)",
        SpqBaselineKind.PqPca => "PQ (PCA)",
        _ => "LSH",
    };
}
