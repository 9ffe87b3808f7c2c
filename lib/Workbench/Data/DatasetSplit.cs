namespace Workbench.Data;

/// <summary>Which part of a dataset to load.</summary>
public enum DatasetSplit
{
    /// <summary>Every image (train then test where a dataset has both).</summary>
    All,

    /// <summary>The training part: the official train split, or the training classes of a class-disjoint (zero-shot) protocol.</summary>
    Train,

    /// <summary>The test part: the official test split, or the held-out classes of a class-disjoint protocol.</summary>
    Test,
}
