using TorchSharp;

namespace Workbench.Data.Augmentation;

/// <summary>Batched colour-space helpers on float <c>[B, 3, H, W]</c> tensors in [0, 1] (torchvision's formulas).</summary>
public static class ColorOps
{
    /// <summary>ITU-R 601 luma <c>0.299 R + 0.587 G + 0.114 B</c>, <c>[B, 1, H, W]</c>; a 1-channel input is returned as a copy.</summary>
    public static torch.Tensor Grayscale(torch.Tensor rgb)
    {
        if (rgb.shape[1] == 1) return rgb.clone();
        using var scope = torch.NewDisposeScope();
        var c = rgb.unbind(1);
        return (c[0] * 0.299 + c[1] * 0.587 + c[2] * 0.114).unsqueeze(1).MoveToOuterDisposeScope();
    }

    /// <summary>RGB to HSV, each channel in [0, 1] (hue as a fraction of the circle); grey pixels get hue 0 and saturation 0.</summary>
    public static torch.Tensor RgbToHsv(torch.Tensor rgb)
    {
        using var scope = torch.NewDisposeScope();
        var (maxc, argmax) = rgb.max(1, keepdim: true);
        var minc = rgb.amin([1], keepdim: true);
        var delta = maxc - minc;
        var s = delta / torch.where(maxc.eq(0), torch.ones_like(maxc), maxc);
        var d = torch.where(delta.eq(0), torch.ones_like(delta), delta);
        var c = ((maxc - rgb) / d).unbind(1);                 // rc, gc, bc
        var candidates = torch.stack([c[2] - c[1], c[0] - c[2] + 2.0, c[1] - c[0] + 4.0], 1);
        var h = candidates.gather(1, argmax);                   // the formula of the largest channel
        h = torch.remainder(h / 6.0, 1.0) * delta.ne(0);
        return torch.cat([h, s, maxc], 1).MoveToOuterDisposeScope();
    }

    /// <summary>HSV (each in [0, 1]) to RGB: channel n in (R, G, B) = v - v·s·clamp(min(k, 4 - k), 0, 1) with k = (n' + 6h) mod 6, n' = 5, 3, 1.</summary>
    public static torch.Tensor HsvToRgb(torch.Tensor hsv)
    {
        using var scope = torch.NewDisposeScope();
        var parts = hsv.split(1, 1);
        var (h, s, v) = (parts[0], parts[1], parts[2]);
        var n = torch.tensor(new float[] { 5, 3, 1 }, device: hsv.device).to(hsv.dtype).view(1, 3, 1, 1);
        var k = torch.remainder(n + h * 6.0, 6.0);
        var w = torch.minimum(k, 4.0 - k).clamp(0, 1);
        return (v - v * s * w).MoveToOuterDisposeScope();
    }
}
