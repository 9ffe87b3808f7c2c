namespace Workbench.Clustering;

/// <summary>How k-means chooses its initial centroids.</summary>
public enum KMeansInit
{
    /// <summary>k distinct data points drawn uniformly (Forgy).</summary>
    Random,

    /// <summary>Greedy k-means++ (Arthur and Vassilvitskii 2007 with scikit-learn's 2 + ⌊ln k⌋ local trials per centre).</summary>
    PlusPlus,
}
