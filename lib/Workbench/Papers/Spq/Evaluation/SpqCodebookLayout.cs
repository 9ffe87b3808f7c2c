using Workbench.Retrieval;
using static TorchSharp.torch;

namespace Workbench.Papers.Spq.Evaluation;

/// <summary>
/// SPQ's codebook layout (papers.md 2.1): one learned tensor <c>[K, M·d]</c> whose column block
/// <c>[m·d, (m+1)·d)</c> is sub-codebook C_m, as opposed to the <c>[M, K, d]</c> codebooks of a
/// <see cref="ProductQuantizer"/>.
/// </summary>
public static class SpqCodebookLayout
{
    /// <summary>The product quantizer whose sub-codebook m is column block m of <paramref name="codebook"/>.</summary>
    /// <param name="codebook">The learned codebook <c>[K, M·d]</c>, any float dtype and device.</param>
    /// <param name="subspaces">M; must divide the width M·d.</param>
    /// <exception cref="ArgumentException">Not two-dimensional, or the width is not divisible by M.</exception>
    public static ProductQuantizer ToProductQuantizer(Tensor codebook, int subspaces)
    {
        ArgumentNullException.ThrowIfNull(codebook);
        if (codebook.dim() != 2) throw new ArgumentException($"SPQ codebook must be [K, M·d], got shape [{string.Join(", ", codebook.shape)}].");
        if (subspaces < 1 || codebook.shape[1] % subspaces != 0)
            throw new ArgumentException($"SPQ codebook width {codebook.shape[1]} is not divisible by M = {subspaces}.");
        using var scope = NewDisposeScope();
        long k = codebook.shape[0], d = codebook.shape[1] / subspaces;
        return ProductQuantizer.FromCodebooks(codebook.detach().reshape(k, subspaces, d).permute(1, 0, 2));
    }
}
