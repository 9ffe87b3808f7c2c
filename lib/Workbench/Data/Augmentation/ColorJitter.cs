using TorchSharp;

namespace Workbench.Data.Augmentation;

/// <summary>
/// Colour jitter (torchvision / kornia <c>ColorJitter</c>), applied to each sample with probability
/// <paramref name="P"/>: brightness <c>x·b</c>, contrast <c>c·x + (1-c)·mean(gray(x))</c>, saturation
/// <c>s·x + (1-s)·gray(x)</c> and a hue rotation by <c>h</c> turns in HSV, with per-sample factors
/// <c>b ~ U[max(0, 1-B), 1+B]</c>, <c>c ~ U[max(0, 1-C), 1+C]</c>, <c>s ~ U[max(0, 1-S), 1+S]</c>,
/// <c>h ~ U[-H, H]</c>, each result clamped to [0, 1]. The four run in one random order per batch
/// (kornia draws one order per call). Saturation and hue leave 1-channel images unchanged.
/// Samples not selected get the identity factors; all strengths 0 is the identity.
/// </summary>
/// <param name="Brightness">B (SimCLR/MoCo v2: 0.4).</param>
/// <param name="Contrast">C (0.4).</param>
/// <param name="Saturation">S (0.4).</param>
/// <param name="Hue">H in turns, at most 0.5 (0.1).</param>
/// <param name="P">Probability that a sample is jittered (SimCLR/MoCo v2: 0.8).</param>
public sealed record ColorJitter(double Brightness, double Contrast, double Saturation, double Hue, double P = 1.0) : IBatchAugmentation
{
    /// <inheritdoc/>
    public torch.Tensor Apply(torch.Tensor images, torch.Generator generator)
    {
        AugmentationRandom.CheckImages(images, nameof(ColorJitter));
        if (Brightness < 0 || Contrast < 0 || Saturation < 0 || Hue is < 0 or > 0.5)
            throw new ArgumentException($"Jitter strengths must be non-negative and hue at most 0.5, got ({Brightness}, {Contrast}, {Saturation}, {Hue}).");
        int n = (int)images.shape[0];
        bool rgb = images.shape[1] == 3;
        var apply = AugmentationRandom.Bernoulli(generator, n, P);
        var b = Factors(generator, n, 1 - Brightness, 1 + Brightness, 1, apply);
        var c = Factors(generator, n, 1 - Contrast, 1 + Contrast, 1, apply);
        var s = Factors(generator, n, 1 - Saturation, 1 + Saturation, 1, apply);
        var h = Factors(generator, n, -Hue, Hue, 0, apply);
        var order = AugmentationRandom.Permutation(generator, 4);
        using var scope = torch.NewDisposeScope();
        var x = images;
        foreach (long op in order)
        {
            switch (op)
            {
                case 0 when Brightness > 0:
                    x = (x * Column(b, x)).clamp(0, 1);
                    break;
                case 1 when Contrast > 0:
                    var mean = ColorOps.Grayscale(x).mean([1, 2, 3], keepdim: true);
                    var cf = Column(c, x);
                    x = (x * cf + mean * (1.0 - cf)).clamp(0, 1);
                    break;
                case 2 when Saturation > 0 && rgb:
                    var sf = Column(s, x);
                    x = (x * sf + ColorOps.Grayscale(x) * (1.0 - sf)).clamp(0, 1);
                    break;
                case 3 when Hue > 0 && rgb:
                    x = HueShift.Apply(x, h);
                    break;
            }
        }
        return (ReferenceEquals(x, images) ? images.clone() : x).MoveToOuterDisposeScope();
    }

    private static double[] Factors(torch.Generator g, int n, double low, double high, double identity, bool[] apply)
    {
        var f = AugmentationRandom.Uniform(g, n, Math.Max(0, low), high);
        for (int i = 0; i < n; i++) if (!apply[i]) f[i] = identity;
        return f;
    }

    private static torch.Tensor Column(double[] values, torch.Tensor like) => AugmentationRandom.On(values, like).view(-1, 1, 1, 1);
}
