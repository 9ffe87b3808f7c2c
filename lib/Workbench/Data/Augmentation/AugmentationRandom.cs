using TorchSharp;

namespace Workbench.Data.Augmentation;

/// <summary>Per-sample random draws for the augmentations, from a CPU torch generator (float64, read back to arrays).</summary>
internal static class AugmentationRandom
{
    /// <summary><paramref name="n"/> draws from U[<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static double[] Uniform(torch.Generator g, int n, double low, double high)
    {
        using var u = torch.rand(n, torch.ScalarType.Float64, generator: g);
        var a = u.data<double>().ToArray();
        for (int i = 0; i < a.Length; i++) a[i] = low + (high - low) * a[i];
        return a;
    }

    /// <summary><paramref name="n"/> coin flips that are true with probability <paramref name="p"/>.</summary>
    public static bool[] Bernoulli(torch.Generator g, int n, double p)
    {
        var u = Uniform(g, n, 0, 1);
        return Array.ConvertAll(u, x => x < p);
    }

    /// <summary>A random permutation of 0..n-1.</summary>
    public static long[] Permutation(torch.Generator g, int n)
    {
        using var p = torch.randperm(n, torch.ScalarType.Int64, generator: g);
        return p.data<long>().ToArray();
    }

    /// <summary>Checks an augmentation input: float, 4-d, 1 or 3 channels.</summary>
    public static void CheckImages(torch.Tensor images, string who)
    {
        if (images.dim() != 4) throw new ArgumentException($"{who}: expected images [B, C, H, W], got [{string.Join(", ", images.shape)}].");
        if (!images.is_floating_point()) throw new ArgumentException($"{who}: expected float images in [0, 1], got {images.dtype}; use ImageDatasetExtensions.ToUnitFloat first.");
        if (images.shape[1] is not (1 or 3)) throw new ArgumentException($"{who}: expected 1 or 3 channels, got {images.shape[1]}.");
    }

    /// <summary>A float tensor of <paramref name="values"/> on the images' device and dtype.</summary>
    public static torch.Tensor On(double[] values, torch.Tensor like) =>
        torch.tensor(values, torch.ScalarType.Float64).to(like.dtype).to(like.device);
}
