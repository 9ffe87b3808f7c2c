using TorchSharp;

namespace Workbench.Data;

/// <summary>
/// Loads the batches of a batch sequence ahead of use: while the caller works on batch i, batches
/// i+1 .. i+<c>depth</c> are decoded on worker threads. Pays off for <see cref="FileImageDataset"/>;
/// harmless for in-memory sets. Each yielded tensor belongs to the caller (dispose it).
/// </summary>
public static class BatchPrefetcher
{
    /// <summary>Yields <c>(indices, uint8 [B, C, H, W])</c> for every batch of <paramref name="batches"/>, keeping <paramref name="depth"/> loads in flight.</summary>
    public static IEnumerable<(int[] Indices, torch.Tensor Images)> Prefetch(this IImageDataset dataset, IEnumerable<int[]> batches, int depth = 2)
    {
        if (depth < 1) throw new ArgumentOutOfRangeException(nameof(depth), depth, "Prefetch depth must be at least 1.");
        var queue = new Queue<(int[] Indices, Task<torch.Tensor> Load)>();
        using var e = batches.GetEnumerator();
        try
        {
            while (true)
            {
                while (queue.Count < depth && e.MoveNext())
                {
                    var idx = e.Current;
                    queue.Enqueue((idx, Task.Run(() =>
                    {
                        var t = dataset.LoadImages(idx);
                        t.DetachFromDisposeScope();
                        return t;
                    })));
                }
                if (queue.Count == 0) yield break;
                var (indices, load) = queue.Dequeue();
                yield return (indices, load.GetAwaiter().GetResult());
            }
        }
        finally
        {
            // Abandoned early: wait for the loads in flight and free them.
            while (queue.Count > 0)
            {
                var (_, load) = queue.Dequeue();
                try { load.GetAwaiter().GetResult().Dispose(); } catch (Exception) { /* already reported to nobody; the caller stopped */ }
            }
        }
    }
}
