using TorchSharp;
using Workbench.Losses.Distances;
using Workbench.Losses.Miners;
using Workbench.Losses.Reducers;
using static TorchSharp.torch;

namespace Workbench.Losses.MetricLearning;

/// <summary>
/// Contrastive loss (Hadsell, Chopra, LeCun 2006) over pairs with a binary label y_p (1 = same
/// class): term_p = y_p·max(0, d_p − μ₊)^q + (1 − y_p)·max(0, α − d_p)^q, then reduced.
/// </summary>
/// <remarks>
/// <para><b>Defaults = TF contrib <c>contrastive_loss</c></b> (papers.md 3.3): Euclidean d (not
/// squared; zero-safe root), μ₊ = 0, α = 1, q = 2, mean over all pairs:
/// L = mean_p [y_p d_p² + (1 − y_p) max(0, α − d_p)²]. Embeddings should be L2-normalised.
/// (The seed's extra ½ is not applied.)</para>
/// <para><b>pytorch-metric-learning option</b> (<see cref="PytorchMetricLearning"/>):
/// <c>ContrastiveLoss(pos_margin=0, neg_margin=1)</c>: q = 1 (non-squared hinges), normalised
/// Euclidean, positive and negative terms each reduced by <see cref="AvgNonZeroReducer"/> and
/// summed.</para>
/// <para><see cref="Compute"/> takes explicit pairs (TF's interface); <see cref="forward"/> takes a
/// labelled batch and uses all unordered pairs i &lt; j (the mean equals PML's over ordered pairs).
/// Needs a distance, not a similarity (use <see cref="CosineDistance"/> for cosine).</para>
/// </remarks>
public sealed class ContrastiveLoss : MetricLoss
{
    /// <summary>Creates the loss; null arguments take the TF-contrib defaults.</summary>
    /// <param name="distance">Default <see cref="EuclideanDistance"/>; must not be a similarity.</param>
    /// <param name="reducer">Default <see cref="MeanReducer"/>.</param>
    /// <param name="negativeMargin">α, default 1.</param>
    /// <param name="positiveMargin">μ₊, default 0.</param>
    /// <param name="power">q, 2 (TF) or 1 (PML).</param>
    /// <param name="reduceSeparately">Reduce positive and negative terms separately and add them (PML), instead of one reduction over all pairs (TF).</param>
    /// <exception cref="ArgumentException">A similarity, or a power below 1.</exception>
    public ContrastiveLoss(IPairwiseDistance? distance = null, ILossReducer? reducer = null, double negativeMargin = 1.0,
        double positiveMargin = 0.0, double power = 2.0, bool reduceSeparately = false)
        : base(nameof(ContrastiveLoss))
    {
        Distance = distance ?? new EuclideanDistance();
        if (Distance.IsSimilarity)
        {
            throw new ArgumentException($"The contrastive loss needs a distance, got the similarity '{Distance.Name}'. Use CosineDistance for cosine geometry.", nameof(distance));
        }
        if (power < 1) throw new ArgumentException($"Power must be ≥ 1, got {power}.", nameof(power));
        Reducer = reducer ?? new MeanReducer();
        NegativeMargin = negativeMargin;
        PositiveMargin = positiveMargin;
        Power = power;
        ReduceSeparately = reduceSeparately;
    }

    /// <summary>pytorch-metric-learning's <c>ContrastiveLoss</c> conventions.</summary>
    public static ContrastiveLoss PytorchMetricLearning(double negativeMargin = 1.0, double positiveMargin = 0.0) =>
        new(new EuclideanDistance(normalizeEmbeddings: true), new AvgNonZeroReducer(), negativeMargin, positiveMargin, power: 1.0, reduceSeparately: true);

    /// <summary>The geometry.</summary>
    public IPairwiseDistance Distance { get; }

    /// <summary>Reduces the per-pair terms.</summary>
    public ILossReducer Reducer { get; }

    /// <summary>α: dissimilar pairs closer than this are penalised.</summary>
    public double NegativeMargin { get; }

    /// <summary>μ₊: similar pairs farther than this are penalised.</summary>
    public double PositiveMargin { get; }

    /// <summary>q, the exponent of the hinges.</summary>
    public double Power { get; }

    /// <summary>Whether positive and negative terms are reduced separately and summed.</summary>
    public bool ReduceSeparately { get; }

    /// <inheritdoc/>
    public override string Describe() =>
        $"contrastive(distance={Distance.Name}, reducer={Reducer.Name}{(ReduceSeparately ? " per sign" : "")}, margin={NegativeMargin}, pos_margin={PositiveMargin}, power={Power})";

    /// <summary>All unordered pairs i &lt; j of a labelled batch: embeddings [m, d], labels [m] → 0-d.</summary>
    public override Tensor forward(Tensor embeddings, Tensor labels)
    {
        CheckBatch(embeddings, labels);
        long m = embeddings.shape[0];
        using var pairs = torch.triu_indices(m, m, 1, device: embeddings.device);
        using var first = pairs[0];
        using var second = pairs[1];
        using var a = embeddings.index_select(0, first);
        using var b = embeddings.index_select(0, second);
        using var la = labels.index_select(0, first);
        using var lb = labels.index_select(0, second);
        using var same = la.eq(lb);
        return Compute(a, b, same);
    }

    /// <summary>
    /// The loss of explicit pairs: <paramref name="anchors"/> [n, d], <paramref name="others"/> [n, d],
    /// <paramref name="pairLabels"/> [n] with 1/true = same class, 0/false = different (bool, int or float). → 0-d.
    /// </summary>
    /// <exception cref="ArgumentException">Mismatched shapes or pair labels outside {0, 1}.</exception>
    public Tensor Compute(Tensor anchors, Tensor others, Tensor pairLabels)
    {
        using var d = Distance.Paired(anchors, others);
        if (pairLabels.dim() != 1 || pairLabels.shape[0] != d.shape[0])
        {
            throw new ArgumentException($"Pair labels must be [n] = [{d.shape[0]}], got [{string.Join(", ", pairLabels.shape)}].", nameof(pairLabels));
        }
        using var y = pairLabels.to(d.dtype);
        using (var binary = y.eq(0.0).logical_or_(y.eq(1.0)).all())
        {
            if (!binary.item<bool>()) throw new ArgumentException("Pair labels must be 0 (different class) or 1 (same class).", nameof(pairLabels));
        }
        using var toPositive = d.sub(PositiveMargin);
        using var positiveHinge = toPositive.relu();
        using var positiveTerm = positiveHinge.pow(Power);
        using var toNegative = d.neg().add_(NegativeMargin);
        using var negativeHinge = toNegative.relu();
        using var negativeTerm = negativeHinge.pow(Power);
        if (ReduceSeparately)
        {
            using var isPositive = y.gt(0.5);
            using var isNegative = isPositive.logical_not();
            using var positives = positiveTerm.masked_select(isPositive);
            using var negatives = negativeTerm.masked_select(isNegative);
            using var positiveLoss = Reducer.Reduce(positives);
            using var negativeLoss = Reducer.Reduce(negatives);
            return positiveLoss + negativeLoss;
        }
        using var oneMinusY = y.neg().add_(1.0);
        using var weightedPositive = y * positiveTerm;
        using var weightedNegative = oneMinusY * negativeTerm;
        using var terms = weightedPositive + weightedNegative;
        return Reducer.Reduce(terms);
    }
}
