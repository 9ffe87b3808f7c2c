using Workbench.Runtime;

namespace Workbench.Data.Samplers;

/// <summary>
/// Class-balanced batches with a C/m ratio (Song et al. 2017, facility location, papers.md 3.4):
/// each batch of m images holds C = round(ratio·m) distinct classes, the m images spread over them
/// as evenly as possible (every class ⌊m/C⌋ images, m mod C of them one more), e.g. m = 128 and
/// ratio 0.25 give 32 classes x 4 images; ratio 0.75 gives 96 classes, 32 with 2 images and 64 with 1.
/// </summary>
/// <remarks>
/// Classes are taken in turn from a shuffled cycle over all eligible classes, so within an epoch
/// every class appears (⌈epoch batches · C / classes⌉ times at most). Images of a class come from its
/// own shuffled queue, refilled when it runs short, so every image is seen before any repeats and
/// no image appears twice in a batch. An epoch
/// has ⌊N / m⌋ batches. A class is eligible when it has at least ⌈m/C⌉ images.
/// </remarks>
public sealed class ClassBalancedBatchSampler : IBatchSampler
{
    private readonly int[][] _byClass;

    /// <summary>Creates the sampler.</summary>
    /// <param name="labels">Class id per image.</param>
    /// <param name="batchSize">m, images per batch.</param>
    /// <param name="classRatio">C/m, in (0, 1].</param>
    /// <param name="seed">Seed; epoch e uses the stream derived from (seed, e).</param>
    /// <exception cref="ArgumentException">Fewer than C classes have ⌈m/C⌉ images; the message names the numbers and what to change.</exception>
    public ClassBalancedBatchSampler(IReadOnlyList<long> labels, int batchSize, double classRatio, long seed)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batch size must be at least 1.");
        if (classRatio is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(classRatio), classRatio, "C/m must be in (0, 1].");
        BatchSize = batchSize;
        ClassesPerBatch = Math.Max(1, (int)Math.Round(classRatio * batchSize));
        MaxPerClass = (batchSize + ClassesPerBatch - 1) / ClassesPerBatch;
        Seed = seed;
        Count = labels.Count;
        var groups = Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key).ToList();
        _byClass = groups.Where(g => g.Count() >= MaxPerClass).Select(g => g.ToArray()).ToArray();
        EligibleClasses = _byClass.Length;
        if (EligibleClasses < ClassesPerBatch)
        {
            int small = groups.Count - EligibleClasses;
            throw new ArgumentException(
                $"C/m = {classRatio} with m = {batchSize} needs C = {ClassesPerBatch} classes with at least {MaxPerClass} images each, " +
                $"but only {EligibleClasses} of the {groups.Count} classes have that many ({small} have fewer). " +
                "Lower the batch size, raise C/m (fewer images per class), or use a dataset with more images per class.");
        }
        if (Count / batchSize == 0) throw new ArgumentException($"The dataset has {Count} images, fewer than one batch of {batchSize}.");
    }

    /// <summary>m.</summary>
    public int BatchSize { get; }

    /// <summary>C, the distinct classes in every batch.</summary>
    public int ClassesPerBatch { get; }

    /// <summary>⌈m/C⌉, the most images of one class in a batch.</summary>
    public int MaxPerClass { get; }

    /// <summary>Classes with at least <see cref="MaxPerClass"/> images (the others are never sampled).</summary>
    public int EligibleClasses { get; }

    /// <summary>Seed.</summary>
    public long Seed { get; }

    /// <summary>Dataset size.</summary>
    public int Count { get; }

    /// <inheritdoc/>
    public int BatchesPerEpoch => Count / BatchSize;

    /// <summary>The images-per-class counts of a batch, largest first: m mod C classes get ⌈m/C⌉, the rest ⌊m/C⌋.</summary>
    public int[] PerClassCounts()
    {
        int c = ClassesPerBatch, m = BatchSize;
        return Enumerable.Range(0, c).Select(i => m / c + (i < m % c ? 1 : 0)).ToArray();
    }

    /// <inheritdoc/>
    public IEnumerable<int[]> Batches(int epoch)
    {
        var rng = Seeding.NewRandom($"class-balanced-sampler/{epoch}", Seed);
        var queues = _byClass.Select(members => new Queue<int>(Shuffled(members, rng))).ToArray();
        var classCycle = new Queue<int>();
        var counts = PerClassCounts();
        for (int b = 0; b < BatchesPerEpoch; b++)
        {
            var chosen = new List<int>(ClassesPerBatch);
            while (chosen.Count < ClassesPerBatch)
            {
                if (classCycle.Count == 0)
                    foreach (int c in Shuffled(Enumerable.Range(0, _byClass.Length).ToArray(), rng)) classCycle.Enqueue(c);
                int next = classCycle.Dequeue();
                if (!chosen.Contains(next)) chosen.Add(next);
                else classCycle.Enqueue(next); // already in this batch (cycle wrapped): keep it for the next batch
            }
            // Which chosen classes get the extra image is random too.
            rng.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(chosen));
            var batch = new int[BatchSize];
            int at = 0;
            for (int k = 0; k < chosen.Count; k++)
            {
                var q = queues[chosen[k]];
                if (q.Count < counts[k])
                {
                    // Refill: the images left of this pass first, then a fresh shuffle of the others, so
                    // no image repeats inside a batch and none is skipped.
                    var left = q.ToHashSet();
                    foreach (int i in Shuffled(_byClass[chosen[k]], rng))
                        if (!left.Contains(i)) q.Enqueue(i);
                }
                for (int j = 0; j < counts[k]; j++) batch[at++] = q.Dequeue();
            }
            yield return batch;
        }
    }

    private static int[] Shuffled(int[] items, Random rng)
    {
        var copy = (int[])items.Clone();
        rng.Shuffle(copy);
        return copy;
    }
}
