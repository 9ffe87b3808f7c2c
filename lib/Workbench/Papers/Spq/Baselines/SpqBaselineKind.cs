namespace Workbench.Papers.Spq.Baselines;

/// <summary>The classic (shallow, unsupervised) baselines of SPQ's ablation, at the same code length as SPQ.</summary>
public enum SpqBaselineKind
{
    /// <summary>Product quantization trained by k-means on raw pixels (Jégou et al. 2011): M = B / log₂K sub-spaces of the pixel vector, K codewords each, squared ADC.</summary>
    PqPixels,

    /// <summary>PCA of the pixels to M·d dimensions (d = 16, SPQ's descriptor size), then PQ by k-means, squared ADC.</summary>
    PqPca,

    /// <summary>Random-hyperplane LSH (Charikar 2002) on centred pixels: B sign bits, Hamming ranking.</summary>
    Lsh,
}
