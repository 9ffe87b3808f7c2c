namespace Workbench.Papers.Spq;

/// <summary>
/// The variants of the <c>spq</c> method. <see cref="Seed"/> (the default) follows the project's seed
/// review, <see cref="Official"/> the official code (youngkyunJang/SPQ, papers.md 2.6);
/// <see cref="SpqC"/> and <see cref="SpqH"/> are the paper's ablations, each the seed variant with
/// one change. Every table row names its variant.
/// </summary>
public static class SpqVariants
{
    /// <summary>The seed review's description: SimCLR training with the projection head replaced by the quantization head (default).</summary>
    public const string Seed = "Seed";

    /// <summary>The official code: its init, periodic cosine schedule, Adam 3e-4 / wd 1e-5, kornia order, non-squared ADC.</summary>
    public const string Official = "Official";

    /// <summary>Ablation "contrastive instead of cross-quantized contrastive": NT-Xent on [ẑ^a; ẑ^b].</summary>
    public const string SpqC = "SPQ-C";

    /// <summary>Ablation "hard instead of soft quantization": ẑ_m is the nearest codeword.</summary>
    public const string SpqH = "SPQ-H";

    /// <summary>Every variant, the default first.</summary>
    public static IReadOnlyList<string> All { get; } = [Seed, Official, SpqC, SpqH];
}
