using Workbench.Models.Heads;
using Workbench.Retrieval;
using static TorchSharp.torch;

namespace Workbench.Papers.Spq.Evaluation;

/// <summary>
/// From a trained SPQ head to a searchable index (papers.md 2.4): the learned codebook C <c>[K, M·d]</c>
/// becomes a <see cref="ProductQuantizer"/>, every database descriptor is stored as its M hard codes
/// b_m = argmin_k ‖x̂_m − c_mk‖², and raw (unquantized) query descriptors are ranked by asymmetric distance.
/// </summary>
public static class SpqIndexing
{
    /// <summary>The PQ index of <paramref name="databaseDescriptors"/> <c>[N, M·d]</c> under <paramref name="head"/>'s codebooks.</summary>
    /// <param name="head">The trained head (its codebook and the encoding rule).</param>
    /// <param name="databaseDescriptors">x̂ of the database, float32 or float64 on any device.</param>
    /// <param name="subDistance">Squared sub-distances (textbook ADC, the seed variant) or Euclidean (official <c>pqDist_one</c>).</param>
    public static PqIndex Build(SoftQuantizationHead head, Tensor databaseDescriptors, PqSubDistance subDistance)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(databaseDescriptors);
        var quantizer = SpqCodebookLayout.ToProductQuantizer(head.Codebook, head.Codebooks);
        var index = new PqIndex(quantizer, subDistance);
        using var codes = head.Encode(databaseDescriptors);
        index.AddCodes(codes);
        return index;
    }

    /// <summary>A <see cref="QuerySearch"/> over <paramref name="index"/> (asymmetric distance) for row-major query vectors <c>[Q, D]</c>.</summary>
    public static QuerySearch Searcher(PqIndex index, float[] queries)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(queries);
        int dim = index.Quantizer.Dimension;
        if (queries.Length % dim != 0) throw new ArgumentException($"Query floats ({queries.Length}) are not a multiple of D = {dim}.", nameof(queries));
        return (selected, depth) =>
        {
            var rows = new float[(long)selected.Length * dim];
            for (int i = 0; i < selected.Length; i++) queries.AsSpan(selected[i] * dim, dim).CopyTo(rows.AsSpan(i * dim, dim));
            return index.Search(rows, depth);
        };
    }

    /// <summary>Row-major float32 copy of a <c>[Q, D]</c> tensor.</summary>
    public static float[] ToArray(Tensor vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        using var cpu = vectors.detach().to(ScalarType.Float32, CPU).contiguous();
        return cpu.data<float>().ToArray();
    }
}
