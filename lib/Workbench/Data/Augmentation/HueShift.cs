using TorchSharp;

namespace Workbench.Data.Augmentation;

/// <summary>
/// Rotates the hue of RGB images by a per-sample amount in HSV space (torchvision's <c>adjust_hue</c>):
/// RGB to HSV, <c>h' = (h + δ) mod 1</c>, back to RGB. Float32 CPU batches go through a fused per-pixel
/// loop (one pass, no temporaries; several times faster than the tensor formulation); other
/// devices and dtypes use <see cref="ColorOps"/>.
/// </summary>
public static class HueShift
{
    /// <summary>A new tensor: <paramref name="rgb"/> (<c>[B, 3, H, W]</c> in [0, 1]) with sample i's hue rotated by <paramref name="turns"/>[i].</summary>
    public static torch.Tensor Apply(torch.Tensor rgb, double[] turns)
    {
        if (rgb.shape[1] != 3) throw new ArgumentException($"Hue needs RGB images, got {rgb.shape[1]} channels.", nameof(rgb));
        int b = (int)rgb.shape[0];
        if (turns.Length != b) throw new ArgumentException($"{turns.Length} hue shifts for {b} images.", nameof(turns));
        if (rgb.device_type != DeviceType.CPU || rgb.dtype != torch.ScalarType.Float32) return TensorPath(rgb, turns);
        using var scope = torch.NewDisposeScope();
        var output = rgb.contiguous().clone();
        int plane = (int)(rgb.shape[2] * rgb.shape[3]);
        unsafe
        {
            fixed (byte* p = output.bytes)
            {
                nint basePtr = (nint)p;
                for (int i = 0; i < b; i++) ShiftImage(new Span<float>((float*)basePtr + (long)i * 3 * plane, 3 * plane), plane, (float)turns[i]);
            }
        }
        return output.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// One image in place. With <c>Δ = max - min</c>, HSV's hue in sixths is <c>(G-B)/Δ</c>, <c>2 + (B-R)/Δ</c> or
    /// <c>4 + (R-G)/Δ</c> (by the largest channel), and since <c>v·s = Δ</c> the rotated colour is
    /// <c>max - Δ·clamp(min(k, 4-k), 0, 1)</c> with <c>k = (n + 6h) mod 6</c>, n = 5, 3, 1 for R, G, B.
    /// </summary>
    private static void ShiftImage(Span<float> chw, int plane, float turns)
    {
        if (turns == 0) return;
        var r = chw[..plane];
        var g = chw.Slice(plane, plane);
        var bl = chw.Slice(2 * plane, plane);
        float shift = 6f * turns;
        for (int k = 0; k < plane; k++)
        {
            float R = r[k], G = g[k], B = bl[k];
            float max = MathF.Max(R, MathF.Max(G, B)), min = MathF.Min(R, MathF.Min(G, B));
            float delta = max - min;
            if (delta <= 0) continue; // grey: hue undefined, nothing to rotate
            float inv = 1f / delta;
            float h6 = (max == R ? (G - B) * inv : max == G ? 2f + (B - R) * inv : 4f + (R - G) * inv) + shift;
            h6 -= 6f * MathF.Floor(h6 * (1f / 6f));
            r[k] = max - delta * Weight(h6 + 5f);
            g[k] = max - delta * Weight(h6 + 3f);
            bl[k] = max - delta * Weight(h6 + 1f);
        }
    }

    private static float Weight(float k)
    {
        if (k >= 6f) k -= 6f;
        return Math.Clamp(MathF.Min(k, 4f - k), 0f, 1f);
    }

    private static torch.Tensor TensorPath(torch.Tensor rgb, double[] turns)
    {
        using var scope = torch.NewDisposeScope();
        var hsv = ColorOps.RgbToHsv(rgb).unbind(1);
        var shift = AugmentationRandom.On(turns, rgb).view(-1, 1, 1);
        var hue = torch.remainder(hsv[0] + shift, 1.0);
        return ColorOps.HsvToRgb(torch.stack([hue, hsv[1], hsv[2]], 1)).MoveToOuterDisposeScope();
    }
}
