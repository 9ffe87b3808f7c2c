using TorchSharp;

namespace Workbench.Data.Augmentation;

/// <summary>
/// Random resized crop (Szegedy et al. 2015; torchvision's <c>RandomResizedCrop</c>, kornia's on
/// batches): for each sample, a box with area fraction <c>s ~ U(scale)</c> of the image and aspect
/// ratio <c>r ~ exp(U(log ratio))</c> (up to 10 tries, then the centre crop with the ratio clamped),
/// resampled to <c>Height x Width</c> with bilinear interpolation. All boxes are applied in one
/// <c>affine_grid</c> + <c>grid_sample</c> call (no antialiasing, as kornia).
/// </summary>
/// <param name="Height">Output height.</param>
/// <param name="Width">Output width.</param>
/// <param name="ScaleMin">Smallest area fraction (torchvision default 0.08).</param>
/// <param name="ScaleMax">Largest area fraction (default 1).</param>
/// <param name="RatioMin">Smallest aspect ratio w/h (default 3/4).</param>
/// <param name="RatioMax">Largest aspect ratio (default 4/3).</param>
public sealed record RandomResizedCrop(int Height, int Width, double ScaleMin = 0.08, double ScaleMax = 1.0, double RatioMin = 3.0 / 4, double RatioMax = 4.0 / 3)
    : IBatchAugmentation
{
    /// <inheritdoc/>
    public torch.Tensor Apply(torch.Tensor images, torch.Generator generator)
    {
        AugmentationRandom.CheckImages(images, nameof(RandomResizedCrop));
        if (ScaleMin <= 0 || ScaleMin > ScaleMax || ScaleMax > 1) throw new ArgumentException($"Crop scale must satisfy 0 < min <= max <= 1, got ({ScaleMin}, {ScaleMax}).");
        if (RatioMin <= 0 || RatioMin > RatioMax) throw new ArgumentException($"Crop ratio must satisfy 0 < min <= max, got ({RatioMin}, {RatioMax}).");
        int b = (int)images.shape[0], h = (int)images.shape[2], w = (int)images.shape[3];
        var boxes = SampleBoxes(generator, b, h, w);
        bool identity = Height == h && Width == w && boxes.All(x => x.X == 0 && x.Y == 0 && x.W == w && x.H == h);
        if (identity) return images.clone();
        var theta = new double[b * 6];
        for (int i = 0; i < b; i++)
        {
            var (x, y, bw, bh) = boxes[i];
            theta[6 * i] = (double)bw / w;
            theta[6 * i + 2] = (2.0 * x + bw) / w - 1;
            theta[6 * i + 4] = (double)bh / h;
            theta[6 * i + 5] = (2.0 * y + bh) / h - 1;
        }
        using var scope = torch.NewDisposeScope();
        var t = AugmentationRandom.On(theta, images).reshape(b, 2, 3);
        var grid = torch.nn.functional.affine_grid(t, [b, images.shape[1], Height, Width], align_corners: false);
        var output = torch.nn.functional.grid_sample(images, grid, torch.GridSampleMode.Bilinear, torch.GridSamplePaddingMode.Border, align_corners: false);
        return output.MoveToOuterDisposeScope();
    }

    /// <summary>The crop boxes (x, y, width, height in pixels) for a batch, torchvision's sampling rule per sample.</summary>
    public (int X, int Y, int W, int H)[] SampleBoxes(torch.Generator generator, int batch, int height, int width)
    {
        const int tries = 10;
        var area = AugmentationRandom.Uniform(generator, batch * tries, ScaleMin, ScaleMax);
        var logRatio = AugmentationRandom.Uniform(generator, batch * tries, Math.Log(RatioMin), Math.Log(RatioMax));
        var px = AugmentationRandom.Uniform(generator, batch * tries, 0, 1);
        var py = AugmentationRandom.Uniform(generator, batch * tries, 0, 1);
        var boxes = new (int, int, int, int)[batch];
        for (int i = 0; i < batch; i++)
        {
            boxes[i] = CenterFallback(height, width);
            for (int k = 0; k < tries; k++)
            {
                int j = i * tries + k;
                double target = area[j] * height * width, ratio = Math.Exp(logRatio[j]);
                int cw = (int)Math.Round(Math.Sqrt(target * ratio)), ch = (int)Math.Round(Math.Sqrt(target / ratio));
                if (cw <= 0 || ch <= 0 || cw > width || ch > height) continue;
                int x = Math.Min((int)(px[j] * (width - cw + 1)), width - cw), y = Math.Min((int)(py[j] * (height - ch + 1)), height - ch);
                boxes[i] = (x, y, cw, ch);
                break;
            }
        }
        return boxes;
    }

    private (int, int, int, int) CenterFallback(int height, int width)
    {
        double inRatio = (double)width / height;
        int cw = width, ch = height;
        if (inRatio < RatioMin) ch = (int)Math.Round(width / RatioMin);
        else if (inRatio > RatioMax) cw = (int)Math.Round(height * RatioMax);
        return ((width - cw) / 2, (height - ch) / 2, cw, ch);
    }
}
