using TorchSharp;
using Workbench.Imaging;

namespace Workbench.Data;

/// <summary>Conversions between <see cref="PixelImage"/>s / raw byte blocks and uint8 <c>[N, C, H, W]</c> tensors.</summary>
public static class ImageTensors
{
    /// <summary>Stacks equally sized images into uint8 <c>[N, C, H, W]</c> (CHW planes from the HWC pixels).</summary>
    /// <exception cref="ArgumentException">The images differ in size or channels.</exception>
    public static torch.Tensor Stack(IReadOnlyList<PixelImage> images)
    {
        if (images.Count == 0) throw new ArgumentException("No images to stack.", nameof(images));
        var first = images[0];
        int per = first.Channels * first.Height * first.Width;
        var buffer = new byte[(long)images.Count * per];
        Parallel.For(0, images.Count, i =>
        {
            var im = images[i];
            if (im.Width != first.Width || im.Height != first.Height || im.Channels != first.Channels)
                throw new ArgumentException($"Image {i} is {im.Width}x{im.Height}x{im.Channels}, image 0 is {first.Width}x{first.Height}x{first.Channels}.");
            im.CopyToChw(buffer.AsSpan((int)((long)i * per), per));
        });
        return torch.tensor(buffer, [images.Count, first.Channels, first.Height, first.Width]);
    }

    /// <summary>
    /// Resizes every <c>[C, height, width]</c> block of <paramref name="chw"/> (N blocks back to back) to
    /// <paramref name="size"/> x <paramref name="size"/> with <see cref="ImageResampler"/>; returns the new bytes.
    /// </summary>
    public static byte[] ResizeBlocks(byte[] chw, int count, int channels, int height, int width, int size)
    {
        int inPer = channels * height * width, outPer = channels * size * size;
        var output = new byte[(long)count * outPer];
        Parallel.For(0, count, i =>
        {
            var image = PixelImage.FromChw(chw.AsSpan(i * inPer, inPer), channels, height, width);
            ImageResampler.Resize(image, size, size).CopyToChw(output.AsSpan(i * outPer, outPer));
        });
        return output;
    }

    /// <summary>uint8 <c>[N, C, H, W]</c> from N CHW blocks back to back (copied).</summary>
    public static torch.Tensor FromChw(byte[] chw, int count, int channels, int height, int width)
    {
        if (chw.LongLength != (long)count * channels * height * width)
            throw new ArgumentException($"Buffer has {chw.LongLength} bytes, expected {count}x{channels}x{height}x{width}.", nameof(chw));
        return torch.tensor(chw, [count, channels, height, width]);
    }
}
