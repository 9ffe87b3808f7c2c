using Workbench.Runtime;

namespace Workbench.Data.Samplers;

/// <summary>
/// A fresh random permutation of <c>0..Count-1</c> every epoch, cut into batches of
/// <see cref="BatchSize"/> (the last, shorter batch dropped when <see cref="DropLast"/>).
/// </summary>
public sealed class ShuffledBatchSampler : IBatchSampler
{
    /// <summary>Creates the sampler.</summary>
    /// <param name="count">Dataset size.</param>
    /// <param name="batchSize">Images per batch.</param>
    /// <param name="seed">Seed; epoch e uses the stream derived from (seed, e).</param>
    /// <param name="dropLast">Drop the final incomplete batch (default true, as SPQ and UCDIR train).</param>
    /// <param name="shuffle">False gives the batches in index order (evaluation).</param>
    public ShuffledBatchSampler(int count, int batchSize, long seed, bool dropLast = true, bool shuffle = true)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "Count must be non-negative.");
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batch size must be at least 1.");
        if (dropLast && count < batchSize)
            throw new ArgumentException($"The dataset has {count} images, fewer than one batch of {batchSize}, and dropLast is set; lower the batch size.");
        (Count, BatchSize, Seed, DropLast, Shuffle) = (count, batchSize, seed, dropLast, shuffle);
    }

    /// <summary>Dataset size.</summary>
    public int Count { get; }

    /// <summary>Images per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Seed.</summary>
    public long Seed { get; }

    /// <summary>Whether the last incomplete batch is dropped.</summary>
    public bool DropLast { get; }

    /// <summary>Whether the order is shuffled.</summary>
    public bool Shuffle { get; }

    /// <inheritdoc/>
    public int BatchesPerEpoch => DropLast ? Count / BatchSize : (Count + BatchSize - 1) / BatchSize;

    /// <inheritdoc/>
    public IEnumerable<int[]> Batches(int epoch)
    {
        var order = Enumerable.Range(0, Count).ToArray();
        if (Shuffle) Seeding.NewRandom($"shuffled-sampler/{epoch}", Seed).Shuffle(order);
        for (int b = 0; b < BatchesPerEpoch; b++)
            yield return order.AsSpan(b * BatchSize, Math.Min(BatchSize, Count - b * BatchSize)).ToArray();
    }
}
