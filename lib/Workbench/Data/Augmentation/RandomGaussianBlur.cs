using TorchSharp;

namespace Workbench.Data.Augmentation;

/// <summary>
/// Gaussian blur with a per-sample <c>σ ~ U(SigmaMin, SigmaMax)</c>, applied with probability
/// <paramref name="P"/>: a separable <c>k x k</c> kernel <c>exp(-x²/2σ²)</c> (normalised), reflect
/// padding, as kornia's <c>RandomGaussianBlur</c>. Every sample gets its own kernel in one grouped
/// convolution; unselected samples get the identity kernel.
/// </summary>
/// <param name="KernelSize">Odd kernel size (SPQ: 3 for 32 px; SimCLR/MoCo v2: about 10% of the image side).</param>
/// <param name="SigmaMin">Smallest σ in pixels (0.1).</param>
/// <param name="SigmaMax">Largest σ (2.0).</param>
/// <param name="P">Probability (0.5).</param>
public sealed record RandomGaussianBlur(int KernelSize, double SigmaMin = 0.1, double SigmaMax = 2.0, double P = 0.5) : IBatchAugmentation
{
    /// <summary>The odd kernel size closest to 10% of <paramref name="imageSize"/>, at least 3 (SimCLR's rule).</summary>
    public static int KernelFor(int imageSize)
    {
        int k = (int)Math.Round(0.1 * imageSize);
        return Math.Max(3, k % 2 == 0 ? k + 1 : k);
    }

    /// <inheritdoc/>
    public torch.Tensor Apply(torch.Tensor images, torch.Generator generator)
    {
        AugmentationRandom.CheckImages(images, nameof(RandomGaussianBlur));
        if (KernelSize < 1 || KernelSize % 2 == 0) throw new ArgumentException($"Blur kernel size must be odd and positive, got {KernelSize}.");
        if (SigmaMin <= 0 || SigmaMin > SigmaMax) throw new ArgumentException($"Blur sigma must satisfy 0 < min <= max, got ({SigmaMin}, {SigmaMax}).");
        int n = (int)images.shape[0], ch = (int)images.shape[1], h = (int)images.shape[2], w = (int)images.shape[3];
        var apply = AugmentationRandom.Bernoulli(generator, n, P);
        var sigma = AugmentationRandom.Uniform(generator, n, SigmaMin, SigmaMax);
        if (!apply.Any(a => a) || KernelSize == 1) return images.clone();
        int r = KernelSize / 2;
        if (r >= h || r >= w) throw new ArgumentException($"Blur kernel {KernelSize} is too large for {h}x{w} images (reflect padding needs radius < side).");
        var kernel = new double[n * ch * KernelSize];
        for (int i = 0; i < n; i++)
        {
            var row = new double[KernelSize];
            if (apply[i])
            {
                double sum = 0;
                for (int t = 0; t < KernelSize; t++) sum += row[t] = Math.Exp(-(t - r) * (t - r) / (2 * sigma[i] * sigma[i]));
                for (int t = 0; t < KernelSize; t++) row[t] /= sum;
            }
            else row[r] = 1;
            for (int c = 0; c < ch; c++) Array.Copy(row, 0, kernel, (i * ch + c) * KernelSize, KernelSize);
        }
        using var scope = torch.NewDisposeScope();
        var k = AugmentationRandom.On(kernel, images);
        var x = images.reshape(1, n * ch, h, w);
        x = torch.nn.functional.pad(x, [r, r, 0, 0], PaddingModes.Reflect);
        x = torch.nn.functional.conv2d(x, k.view(n * ch, 1, 1, KernelSize), groups: n * ch);
        x = torch.nn.functional.pad(x, [0, 0, r, r], PaddingModes.Reflect);
        x = torch.nn.functional.conv2d(x, k.view(n * ch, 1, KernelSize, 1), groups: n * ch);
        return x.view(n, ch, h, w).MoveToOuterDisposeScope();
    }
}
