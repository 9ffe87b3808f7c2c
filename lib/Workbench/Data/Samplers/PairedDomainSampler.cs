using Workbench.Runtime;

namespace Workbench.Data.Samplers;

/// <summary>
/// UCDIR's two-domain loader (papers.md 1.6): an epoch visits a shuffled permutation of
/// <c>0..max(N_A, N_B)-1</c>; position index i gives image i of each domain, and for the smaller
/// domain an i beyond its size is replaced by a random index of that domain (so the smaller domain
/// is fully covered, then filled at random). Pairs are cut into batches of <see cref="BatchSize"/>,
/// the last incomplete one dropped (drop_last = true).
/// </summary>
public sealed class PairedDomainSampler
{
    /// <summary>Creates the sampler.</summary>
    /// <param name="countA">Images in domain A.</param>
    /// <param name="countB">Images in domain B.</param>
    /// <param name="batchSize">Pairs per batch (UCDIR: 64).</param>
    /// <param name="seed">Seed; epoch e uses the stream derived from (seed, e).</param>
    public PairedDomainSampler(int countA, int countB, int batchSize, long seed)
    {
        if (countA < 1 || countB < 1) throw new ArgumentException($"Both domains need images (got {countA} and {countB}).");
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batch size must be at least 1.");
        if (Math.Max(countA, countB) < batchSize)
            throw new ArgumentException($"The larger domain has {Math.Max(countA, countB)} images, fewer than one batch of {batchSize}; lower the batch size.");
        (CountA, CountB, BatchSize, Seed) = (countA, countB, batchSize, seed);
    }

    /// <summary>Images in domain A.</summary>
    public int CountA { get; }

    /// <summary>Images in domain B.</summary>
    public int CountB { get; }

    /// <summary>Pairs per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Seed.</summary>
    public long Seed { get; }

    /// <summary>Pairs per epoch: max(N_A, N_B).</summary>
    public int Length => Math.Max(CountA, CountB);

    /// <summary>Batches per epoch: ⌊max(N_A, N_B) / batch⌋.</summary>
    public int BatchesPerEpoch => Length / BatchSize;

    /// <summary>The batches of epoch <paramref name="epoch"/>: indices into domain A and domain B, position by position.</summary>
    public IEnumerable<(int[] A, int[] B)> Batches(int epoch)
    {
        var rng = Seeding.NewRandom($"paired-domain-sampler/{epoch}", Seed);
        var order = Enumerable.Range(0, Length).ToArray();
        rng.Shuffle(order);
        var a = new int[Length];
        var b = new int[Length];
        for (int k = 0; k < Length; k++)
        {
            int i = order[k];
            a[k] = i < CountA ? i : rng.Next(CountA);
            b[k] = i < CountB ? i : rng.Next(CountB);
        }
        for (int k = 0; k < BatchesPerEpoch; k++)
            yield return (a.AsSpan(k * BatchSize, BatchSize).ToArray(), b.AsSpan(k * BatchSize, BatchSize).ToArray());
    }
}
