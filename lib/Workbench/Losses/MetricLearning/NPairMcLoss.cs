using TorchSharp;
using Workbench.Losses.Distances;
using Workbench.Losses.Miners;
using Workbench.Losses.Reducers;
using static TorchSharp.torch;

namespace Workbench.Losses.MetricLearning;

/// <summary>
/// Multi-class N-pair loss (Sohn 2016) with its L2 regulariser: logits = sim(anchors, positives)
/// [N, N]; targets t_i uniform over the positives whose label equals anchor i's;
/// L = reduce_i CE(logits_i, t_i) + 0.25·λ·(mean_i ‖a_i‖² + mean_i ‖p_i‖²).
/// </summary>
/// <remarks>
/// <para><b>Defaults = TF contrib <c>npairs_loss</c></b> (papers.md 3.3): dot-product logits
/// (<see cref="DotProductSimilarity"/>), soft targets for repeated classes, mean over anchors,
/// λ = 0.002, embeddings <em>not</em> normalised. With all labels distinct it equals
/// (1/N) Σ_i log(1 + Σ_{j≠i} exp(a_iᵀp_j − a_iᵀp_i)) + the L2 term.</para>
/// <para><b>pytorch-metric-learning option</b> (<see cref="PytorchMetricLearning"/>): <c>NPairsLoss</c>
/// keeps one pair per distinct label, hard targets, no regulariser (λ = 0).</para>
/// <para><see cref="Compute"/> takes anchors and positives separately (TF's interface). <see cref="forward"/>
/// takes a labelled batch in which every label occurs an even number of times (the N-pair sampler
/// draws exactly two per class) and pairs the 1st with the 2nd occurrence, the 3rd with the 4th, …;
/// anchors are the earlier occurrences. A distance (not a similarity) enters as logits = −D.</para>
/// </remarks>
public sealed class NPairMcLoss : MetricLoss
{
    /// <summary>Creates the loss; null arguments take the TF-contrib defaults.</summary>
    /// <param name="similarity">Default <see cref="DotProductSimilarity"/>.</param>
    /// <param name="reducer">Default <see cref="MeanReducer"/> over anchors.</param>
    /// <param name="l2Weight">λ, default 0.002.</param>
    /// <param name="uniqueLabelPairsOnly">Keep only the first pair of each label (PML), default false.</param>
    public NPairMcLoss(IPairwiseDistance? similarity = null, ILossReducer? reducer = null, double l2Weight = 0.002, bool uniqueLabelPairsOnly = false)
        : base(nameof(NPairMcLoss))
    {
        Similarity = similarity ?? new DotProductSimilarity();
        Reducer = reducer ?? new MeanReducer();
        L2Weight = l2Weight;
        UniqueLabelPairsOnly = uniqueLabelPairsOnly;
    }

    /// <summary>pytorch-metric-learning's <c>NPairsLoss</c> conventions: one pair per label, no regulariser.</summary>
    public static NPairMcLoss PytorchMetricLearning() => new(new DotProductSimilarity(), new MeanReducer(), 0.0, uniqueLabelPairsOnly: true);

    /// <summary>The logit geometry.</summary>
    public IPairwiseDistance Similarity { get; }

    /// <summary>Reduces the per-anchor cross-entropies.</summary>
    public ILossReducer Reducer { get; }

    /// <summary>λ of the L2 term 0.25·λ·(mean ‖a‖² + mean ‖p‖²).</summary>
    public double L2Weight { get; }

    /// <summary>Whether only the first pair of each label is kept.</summary>
    public bool UniqueLabelPairsOnly { get; }

    /// <inheritdoc/>
    public override string Describe() => $"npair-mc(similarity={Similarity.Name}, reducer={Reducer.Name}, l2={L2Weight}{(UniqueLabelPairsOnly ? ", unique labels" : "")})";

    /// <summary>A labelled batch with every label occurring an even number of times: embeddings [m, d], labels [m] → 0-d.</summary>
    /// <exception cref="ArgumentException">A label occurs an odd number of times.</exception>
    public override Tensor forward(Tensor embeddings, Tensor labels)
    {
        CheckBatch(embeddings, labels);
        var (anchorIndex, positiveIndex) = SplitPairs(LabelMasks.ToArray(labels));
        using var a = torch.tensor(anchorIndex, device: embeddings.device);
        using var p = torch.tensor(positiveIndex, device: embeddings.device);
        using var anchors = embeddings.index_select(0, a);
        using var positives = embeddings.index_select(0, p);
        using var pairLabels = labels.index_select(0, a);
        return Compute(anchors, positives, pairLabels);
    }

    /// <summary>The loss of explicit pairs: <paramref name="anchors"/> [N, d], <paramref name="positives"/> [N, d], <paramref name="labels"/> [N] int → 0-d.</summary>
    public Tensor Compute(Tensor anchors, Tensor positives, Tensor labels)
    {
        PairwiseDistanceExtensions.CheckEmbeddings(anchors, nameof(anchors));
        PairwiseDistanceExtensions.CheckEmbeddings(positives, nameof(positives));
        if (positives.shape[0] != anchors.shape[0]) throw new ArgumentException($"{anchors.shape[0]} anchors but {positives.shape[0]} positives.", nameof(positives));
        LabelMasks.CheckLabels(labels, anchors.shape[0]);
        if (UniqueLabelPairsOnly)
        {
            using var keep = FirstPairPerLabel(labels);
            using var a = anchors.index_select(0, keep);
            using var p = positives.index_select(0, keep);
            using var l = labels.index_select(0, keep);
            return ComputeCore(a, p, l);
        }
        return ComputeCore(anchors, positives, labels);
    }

    private Tensor ComputeCore(Tensor anchors, Tensor positives, Tensor labels)
    {
        using var matrix = Similarity.Pairwise(anchors, positives);
        using var logits = Similarity.IsSimilarity ? matrix.alias() : matrix.neg();
        using var same = LabelMasks.SameLabel(labels);
        using var targetsRaw = same.to(logits.dtype);
        using var rowSums = targetsRaw.sum(1, keepdim: true);
        using var targets = targetsRaw / rowSums;
        using var logProbabilities = logits.log_softmax(1);
        using var weighted = targets * logProbabilities;
        using var crossEntropy = weighted.sum(1).neg_();
        using var data = Reducer.Reduce(crossEntropy);
        if (L2Weight == 0) return data.alias();
        using var anchorNorms = anchors.square().sum(1).mean();
        using var positiveNorms = positives.square().sum(1).mean();
        using var norms = anchorNorms + positiveNorms;
        using var l2 = norms.mul(0.25 * L2Weight);
        return data + l2;
    }

    private static Tensor FirstPairPerLabel(Tensor labels)
    {
        var values = LabelMasks.ToArray(labels);
        var seen = new HashSet<long>();
        var keep = new List<long>();
        for (int k = 0; k < values.Length; k++) if (seen.Add(values[k])) keep.Add(k);
        return torch.tensor(keep.ToArray(), device: labels.device);
    }

    /// <summary>Pairs consecutive occurrences of each label (1st with 2nd, 3rd with 4th, …), ordered by the anchor's index.</summary>
    internal static (long[] Anchors, long[] Positives) SplitPairs(long[] labels)
    {
        var open = new Dictionary<long, int>();
        var pairs = new List<(long, long)>();
        foreach (var (label, index) in labels.Select((l, k) => (l, k)))
        {
            if (open.Remove(label, out int first)) pairs.Add((first, index));
            else open[label] = index;
        }
        if (open.Count > 0)
        {
            throw new ArgumentException(
                $"N-pair-mc pairs the embeddings of each class, but label(s) {string.Join(", ", open.Keys.Take(5))} occur an odd number of times. " +
                "Sample exactly two images per class (C/m = 0.5), or call Compute(anchors, positives, labels).", nameof(labels));
        }
        pairs.Sort();
        return (pairs.Select(p => p.Item1).ToArray(), pairs.Select(p => p.Item2).ToArray());
    }
}
