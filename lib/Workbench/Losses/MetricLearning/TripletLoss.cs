using TorchSharp;
using Workbench.Losses.Distances;
using Workbench.Losses.Miners;
using Workbench.Losses.Reducers;
using static TorchSharp.torch;

namespace Workbench.Losses.MetricLearning;

/// <summary>
/// Triplet loss over mined triplets: ℓ = reduce_t max(0, α + D_ap − D_an), on the dissimilarity
/// view of the distance (for a similarity S: α + S_an − S_ap).
/// </summary>
/// <remarks>
/// <para><b>Defaults = TF contrib <c>triplet_semihard_loss</c></b> (papers.md 3.3): squared Euclidean
/// D² (<see cref="SquaredEuclideanDistance"/>) on L2-normalised embeddings (the caller normalises),
/// <see cref="SemiHardNegativeMiner"/> (one triplet per ordered positive pair, semi-hard negative
/// or the largest D² as fallback), <see cref="MeanReducer"/> (Σ / #ordered positive pairs, zero
/// terms included), α = 1.</para>
/// <para><b>pytorch-metric-learning option</b> (<see cref="PytorchMetricLearning"/>): Euclidean
/// distance on normalised embeddings, α = 0.05, all triplets or a <see cref="TripletMarginMiner"/>,
/// <see cref="AvgNonZeroReducer"/>.</para>
/// <para>Inputs: embeddings [m, d] float32/float64, labels [m] int. Output: 0-d tensor. A batch
/// without any positive pair gives 0 (TF: 0/0 = NaN).</para>
/// </remarks>
public sealed class TripletLoss : MetricLoss
{
    /// <summary>Creates the loss; null arguments take the TF-contrib defaults.</summary>
    /// <param name="distance">Default <see cref="SquaredEuclideanDistance"/>.</param>
    /// <param name="miner">Default <see cref="SemiHardNegativeMiner"/>.</param>
    /// <param name="reducer">Default <see cref="MeanReducer"/>.</param>
    /// <param name="margin">α, default 1.0.</param>
    public TripletLoss(IPairwiseDistance? distance = null, ITripletMiner? miner = null, ILossReducer? reducer = null, double margin = 1.0)
        : base(nameof(TripletLoss))
    {
        Distance = distance ?? new SquaredEuclideanDistance();
        Miner = miner ?? new SemiHardNegativeMiner();
        Reducer = reducer ?? new MeanReducer();
        Margin = margin;
    }

    /// <summary>pytorch-metric-learning's <c>TripletMarginLoss</c> conventions: normalised Euclidean, α = 0.05, AvgNonZero, all triplets unless a miner is given.</summary>
    public static TripletLoss PytorchMetricLearning(double margin = 0.05, ITripletMiner? miner = null) =>
        new(new EuclideanDistance(normalizeEmbeddings: true), miner ?? new AllTripletsMiner(), new AvgNonZeroReducer(), margin);

    /// <summary>The geometry.</summary>
    public IPairwiseDistance Distance { get; }

    /// <summary>Chooses the triplets.</summary>
    public ITripletMiner Miner { get; }

    /// <summary>Reduces the per-triplet terms.</summary>
    public ILossReducer Reducer { get; }

    /// <summary>α.</summary>
    public double Margin { get; }

    /// <inheritdoc/>
    public override string Describe() => $"triplet(distance={Distance.Name}, miner={Miner.Name}, reducer={Reducer.Name}, margin={Margin})";

    /// <summary>The loss of one batch. <paramref name="embeddings"/> [m, d], <paramref name="labels"/> [m] → 0-d.</summary>
    public override Tensor forward(Tensor embeddings, Tensor labels)
    {
        CheckBatch(embeddings, labels);
        using var matrix = Distance.Pairwise(embeddings);
        using var d = Distance.ToDissimilarity(matrix);
        using var triplets = Miner.Mine(d, labels);
        using var ap = PairRows.Gather(d, triplets.Anchors, triplets.Positives);
        using var an = PairRows.Gather(d, triplets.Anchors, triplets.Negatives);
        using var violation = ap - an;
        using var shifted = violation.add(Margin);
        using var terms = shifted.relu();
        return Reducer.Reduce(terms);
    }
}
