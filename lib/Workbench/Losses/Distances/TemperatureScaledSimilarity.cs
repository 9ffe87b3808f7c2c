using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Losses.Distances;

/// <summary>
/// A similarity divided by a temperature, s(a, b) / τ: the logits of the contrastive
/// cross-entropies (NT-Xent and SPQ's CQC with cosine similarity and τ = 0.5, MoCo/UCDIR's InfoNCE
/// with dot products of unit vectors and τ = 0.2, UCDIR's soft assignments with cosine and
/// τ = 0.1). pytorch-metric-learning keeps τ in the loss; here it is part of the geometry so a
/// loss is exactly "logits from a distance part, terms reduced by a reducer part".
/// </summary>
public sealed class TemperatureScaledSimilarity : IPairwiseDistance
{
    /// <summary>Creates s / τ.</summary>
    /// <param name="similarity">s, a similarity (<see cref="IPairwiseDistance.IsSimilarity"/>), e.g. <see cref="CosineSimilarity"/>.</param>
    /// <param name="temperature">τ &gt; 0 and finite.</param>
    /// <exception cref="ArgumentException"><paramref name="similarity"/> is a distance.</exception>
    public TemperatureScaledSimilarity(IPairwiseDistance similarity, double temperature)
    {
        ArgumentNullException.ThrowIfNull(similarity);
        if (!similarity.IsSimilarity)
            throw new ArgumentException($"A temperature scales a similarity (larger = closer); '{similarity.Name}' is a distance. Use CosineSimilarity or DotProductSimilarity.", nameof(similarity));
        if (!(temperature > 0) || double.IsInfinity(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be positive and finite.");
        Similarity = similarity;
        Temperature = temperature;
    }

    /// <summary>s, the unscaled similarity.</summary>
    public IPairwiseDistance Similarity { get; }

    /// <summary>τ.</summary>
    public double Temperature { get; }

    /// <inheritdoc/>
    public string Name => $"{Similarity.Name}/{Temperature.ToString(CultureInfo.InvariantCulture)}";

    /// <inheritdoc/>
    public bool IsSimilarity => true;

    /// <inheritdoc/>
    public Tensor Pairwise(Tensor embeddings)
    {
        using var s = Similarity.Pairwise(embeddings);
        return s.div(Temperature);
    }

    /// <inheritdoc/>
    public Tensor Pairwise(Tensor queries, Tensor references)
    {
        using var s = Similarity.Pairwise(queries, references);
        return s.div(Temperature);
    }

    /// <inheritdoc/>
    public Tensor Paired(Tensor a, Tensor b)
    {
        using var s = Similarity.Paired(a, b);
        return s.div(Temperature);
    }
}
