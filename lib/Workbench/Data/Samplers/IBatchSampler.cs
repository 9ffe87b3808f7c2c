namespace Workbench.Data.Samplers;

/// <summary>Yields the index batches of one epoch; the same seed and epoch give the same batches.</summary>
public interface IBatchSampler
{
    /// <summary>Number of batches per epoch.</summary>
    int BatchesPerEpoch { get; }

    /// <summary>The batches of epoch <paramref name="epoch"/> (dataset indices).</summary>
    IEnumerable<int[]> Batches(int epoch);
}
