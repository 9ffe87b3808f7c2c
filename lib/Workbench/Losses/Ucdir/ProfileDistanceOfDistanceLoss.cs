using Workbench.Losses.Distances;
using Workbench.Losses.Reducers;
using static TorchSharp.torch;

namespace Workbench.Losses.Ucdir;

/// <summary>
/// Official UCDIR distance-of-distance loss DD (papers.md 1.4d) — no optimal transport. For a feature batch F
/// <c>[n, D]</c>: S_d = row-softmax(F·P_dᵀ / 0.01), rows L2-normalised to Ŝ_d, D_d = 1 − Ŝ_d Ŝ_dᵀ (n × n), and
/// dd(F) = mean_i ‖D_A[i] − D_B[i] + ε‖₂² with ε = 1e-6 (PyTorch's pairwise_distance); DD = mean(dd(q^A), dd(q^B)).
/// </summary>
/// <remarks>Prototypes are constants; gradients reach the features. Re-numbering either domain's clusters permutes the
/// columns of S_d and leaves ŜŜᵀ, hence DD, unchanged.</remarks>
public static class ProfileDistanceOfDistanceLoss
{
    /// <summary>The hard-coded softmax temperature 0.01.</summary>
    public const double DefaultTemperature = 0.01;

    /// <summary>The eps torch's <c>pairwise_distance</c> adds inside the norm (1e-6).</summary>
    public const double DefaultPairwiseEps = 1e-6;

    /// <summary>DD = mean(dd(q^A), dd(q^B)), a scalar.</summary>
    public static Tensor Compute(Tensor queryA, Tensor queryB, Tensor prototypesA, Tensor prototypesB,
        double temperature = DefaultTemperature, double pairwiseEps = DefaultPairwiseEps)
    {
        using var scope = NewDisposeScope();
        var a = OnePair(queryA, prototypesA, prototypesB, temperature, pairwiseEps);
        var b = OnePair(queryB, prototypesA, prototypesB, temperature, pairwiseEps);
        return a.add(b).div(2).MoveToOuterDisposeScope();
    }

    /// <summary>dd(F) = mean_i ‖D_A[i] − D_B[i] + ε‖₂² for one feature batch F <c>[n, D]</c>.</summary>
    public static Tensor OnePair(Tensor features, Tensor prototypesA, Tensor prototypesB,
        double temperature = DefaultTemperature, double pairwiseEps = DefaultPairwiseEps)
    {
        using var scope = NewDisposeScope();
        var dA = DistanceMatrix(features, prototypesA, temperature);
        var dB = DistanceMatrix(features, prototypesB, temperature);
        return new MeanReducer().Reduce(dA.sub(dB).add(pairwiseEps).pow(2).sum(1)).MoveToOuterDisposeScope();
    }

    /// <summary>Profiles Ŝ <c>[n, K]</c>: row-softmax(F·Pᵀ/temperature), each row scaled to unit L2 norm (norm clamped at 1e-12).</summary>
    public static Tensor Profiles(Tensor features, Tensor prototypes, double temperature = DefaultTemperature)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(prototypes);
        if (features.dim() != 2 || prototypes.dim() != 2 || features.shape[1] != prototypes.shape[1])
            throw new ArgumentException($"Need features [n, D] and prototypes [K, D]; got [{string.Join(", ", features.shape)}] and [{string.Join(", ", prototypes.shape)}].");
        if (!(temperature > 0)) throw new ArgumentException($"The temperature must be positive; got {temperature}.", nameof(temperature));
        using var scope = NewDisposeScope();
        var s = new TemperatureScaledSimilarity(new DotProductSimilarity(), temperature).Pairwise(features, prototypes.detach().to(features.dtype)).softmax(1);
        return nn.functional.normalize(s, 2, 1).MoveToOuterDisposeScope();
    }

    /// <summary>D = 1 − Ŝ Ŝᵀ <c>[n, n]</c>: cosine distances between the samples' assignment profiles.</summary>
    public static Tensor DistanceMatrix(Tensor features, Tensor prototypes, double temperature = DefaultTemperature)
    {
        using var scope = NewDisposeScope();
        var s = Profiles(features, prototypes, temperature);
        return new DotProductSimilarity().Pairwise(s).neg().add(1).MoveToOuterDisposeScope();
    }
}
