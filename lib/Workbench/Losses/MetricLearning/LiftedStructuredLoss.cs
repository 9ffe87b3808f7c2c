using TorchSharp;
using Workbench.Losses.Distances;
using Workbench.Losses.Miners;
using Workbench.Losses.Reducers;
using static TorchSharp.torch;

namespace Workbench.Losses.MetricLearning;

/// <summary>
/// Smooth lifted structured loss (Oh Song et al. 2016). For each unordered positive pair (i, j):
/// J_ij = log( Σ_{k∈N(i)} exp(α − D_ik) + Σ_{l∈N(j)} exp(α − D_jl) ) + D_ij − μ₊, computed with the
/// max shift M_ij = max(max_k(α − D_ik), max_l(α − D_jl)); term_ij = ½·max(0, J_ij)², reduced.
/// </summary>
/// <remarks>
/// <para><b>Defaults = TF contrib <c>lifted_struct_loss</c></b> (papers.md 3.3): Euclidean D (not
/// squared, zero-safe root), α = 1, μ₊ = 0, <see cref="MeanReducer"/> over unordered positive pairs,
/// i.e. L = (1/(2|P|)) Σ_{(i,j)∈P} max(0, J_ij)². Embeddings are <em>not</em> normalised (TF docstring).</para>
/// <para><b>pytorch-metric-learning option</b> (<see cref="PytorchMetricLearning"/>):
/// <c>LiftedStructureLoss(neg_margin, pos_margin)</c> is the same smooth form averaged over ordered
/// pairs (the same mean); its distance normalises the embeddings.</para>
/// <para>A pair whose two anchors have no negative at all (single-class batch) has J = −∞: its term
/// is 0 with no gradient (TF's forward value is also 0, its gradient NaN, rksltnl/Deep-Metric-Learning-CVPR16#6).
/// The shift M is held constant for the gradient, which is exact for log-sum-exp.</para>
/// <para>Inputs: embeddings [m, d] float32/float64, labels [m] int. Output: 0-d.</para>
/// </remarks>
public sealed class LiftedStructuredLoss : MetricLoss
{
    /// <summary>Creates the loss; null arguments take the TF-contrib defaults.</summary>
    /// <param name="distance">Default <see cref="EuclideanDistance"/>; a similarity S enters as D = −S.</param>
    /// <param name="reducer">Default <see cref="MeanReducer"/>.</param>
    /// <param name="margin">α, default 1.</param>
    /// <param name="positiveMargin">μ₊, default 0.</param>
    public LiftedStructuredLoss(IPairwiseDistance? distance = null, ILossReducer? reducer = null, double margin = 1.0, double positiveMargin = 0.0)
        : base(nameof(LiftedStructuredLoss))
    {
        Distance = distance ?? new EuclideanDistance();
        Reducer = reducer ?? new MeanReducer();
        Margin = margin;
        PositiveMargin = positiveMargin;
    }

    /// <summary>pytorch-metric-learning's <c>LiftedStructureLoss</c> conventions (normalised Euclidean, mean over positive pairs).</summary>
    public static LiftedStructuredLoss PytorchMetricLearning(double negativeMargin = 1.0, double positiveMargin = 0.0) =>
        new(new EuclideanDistance(normalizeEmbeddings: true), new MeanReducer(), negativeMargin, positiveMargin);

    /// <summary>The geometry.</summary>
    public IPairwiseDistance Distance { get; }

    /// <summary>Reduces the per-pair terms.</summary>
    public ILossReducer Reducer { get; }

    /// <summary>α.</summary>
    public double Margin { get; }

    /// <summary>μ₊.</summary>
    public double PositiveMargin { get; }

    /// <inheritdoc/>
    public override string Describe() => $"lifted-structured(distance={Distance.Name}, reducer={Reducer.Name}, margin={Margin}, pos_margin={PositiveMargin})";

    /// <summary>The loss of one batch. <paramref name="embeddings"/> [m, d], <paramref name="labels"/> [m] → 0-d.</summary>
    public override Tensor forward(Tensor embeddings, Tensor labels)
    {
        CheckBatch(embeddings, labels);
        using var matrix = Distance.Pairwise(embeddings);
        using var d = Distance.ToDissimilarity(matrix);
        using var positives = LabelMasks.Positives(labels);
        using var upper = positives.triu(1);
        using var pairs = upper.nonzero();
        using var i = pairs.select(1, 0).contiguous();
        using var j = pairs.select(1, 1).contiguous();
        using var negatives = LabelMasks.Negatives(labels);
        using var notNegative = negatives.logical_not();
        using var e = d.neg().add_(Margin);

        // The shift M_ij and which pairs have any negative, held constant.
        using var shiftI = ShiftPerAnchor(e, notNegative, i, out var hasI);
        using var shiftJ = ShiftPerAnchor(e, notNegative, j, out var hasJ);
        using var valid = hasI.logical_or(hasJ);
        using var shiftRaw = shiftI.maximum(shiftJ);
        using var zero = torch.zeros_like(shiftRaw);
        using var shift = torch.where(valid, shiftRaw, zero);
        hasI.Dispose();
        hasJ.Dispose();

        using var sumI = ShiftedExpSum(e, notNegative, i, shift);
        using var sumJ = ShiftedExpSum(e, notNegative, j, shift);
        using var sum = sumI + sumJ;
        using var one = torch.ones_like(sum);
        using var safeSum = torch.where(valid, sum, one);
        using var log = safeSum.log();
        using var dij = PairRows.Gather(d, i, j);
        using var j1 = log + shift;
        using var jv = j1 + dij;
        using var jFinal = jv.sub(PositiveMargin);
        using var hinge = jFinal.relu();
        using var half = hinge.square().mul_(0.5);
        using var zeros = torch.zeros_like(half);
        using var terms = torch.where(valid, half, zeros);
        return Reducer.Reduce(terms);
    }

    private static Tensor ShiftPerAnchor(Tensor e, Tensor notNegative, Tensor anchors, out Tensor hasNegative)
    {
        using var noGrad = torch.no_grad();
        using var masked = e.detach().masked_fill(notNegative, double.NegativeInfinity);
        using var rowMax = masked.amax(new long[] { 1 });
        using var anyNeg = notNegative.logical_not().any(1);
        hasNegative = anyNeg.index_select(0, anchors);
        return rowMax.index_select(0, anchors);
    }

    private static Tensor ShiftedExpSum(Tensor e, Tensor notNegative, Tensor anchors, Tensor shift)
    {
        using var rows = e.index_select(0, anchors);
        using var mask = notNegative.index_select(0, anchors);
        using var centered = rows - shift.unsqueeze(1);
        using var masked = centered.masked_fill(mask, double.NegativeInfinity);
        using var exp = masked.exp();
        return exp.sum(1);
    }
}
