namespace Workbench.Imaging;

/// <summary>Crops an image to its ink and centres it, scaled, on a square canvas: how glyphs and emoji of different sources get one framing.</summary>
public static class InkFraming
{
    /// <summary>
    /// Crops <paramref name="image"/> to the box of pixels that differ from <paramref name="background"/> by more
    /// than <paramref name="threshold"/> (alpha above it, for images with alpha), scales the box so its longer side
    /// is <c>round(size·fill)</c>, and centres it on a <paramref name="size"/> x <paramref name="size"/> canvas of
    /// <paramref name="background"/>. An image without ink gives a blank canvas.
    /// </summary>
    /// <param name="image">Source pixels (any channels; alpha images keep their alpha, composite them afterwards).</param>
    /// <param name="size">Canvas side in pixels.</param>
    /// <param name="fill">Fraction of the canvas side the ink's longer side takes, in (0, 1].</param>
    /// <param name="background">Background grey level of the source and of the canvas padding (0 for coverage, 255 for white paper).</param>
    /// <param name="threshold">Ink threshold.</param>
    public static PixelImage FitInk(PixelImage image, int size, double fill = 0.875, byte background = 0, int threshold = 8)
    {
        if (fill is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(fill), fill, "Fill must be in (0, 1].");
        var box = PixelOps.InkBox(image, background, threshold);
        if (box is null) return PixelImage.Filled(size, size, image.Channels, image.Channels is 2 or 4 ? (byte)0 : background);
        var (x, y, w, h) = box.Value;
        var ink = PixelOps.Crop(image, x, y, w, h);
        int inner = Math.Max(1, (int)Math.Round(size * fill));
        var padded = image.Channels is 2 or 4 ? (byte)0 : background;
        return ImageResampler.FitCentered(ink, size, size, inner, inner, padded);
    }

    /// <summary>
    /// For an image with alpha (RGBA or grey+alpha): the ink box comes from alpha, the pixels are
    /// composited over <paramref name="paper"/> into <paramref name="channels"/> (1 or 3), then cropped,
    /// scaled so the longer side is <c>round(size·fill)</c> and centred on a <paramref name="paper"/> canvas.
    /// </summary>
    public static PixelImage FitAlphaInk(PixelImage image, int size, int channels, double fill = 0.875, byte paper = 255, int threshold = 8)
    {
        if (image.Channels is not (2 or 4)) throw new ArgumentException($"Expected an image with alpha (2 or 4 channels), got {image.Channels}.", nameof(image));
        if (fill is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(fill), fill, "Fill must be in (0, 1].");
        var box = PixelOps.InkBox(image, 0, threshold);
        if (box is null) return PixelImage.Filled(size, size, channels, paper);
        var (x, y, w, h) = box.Value;
        var flat = PixelOps.Convert(PixelOps.Crop(image, x, y, w, h), channels, paper);
        int inner = Math.Max(1, (int)Math.Round(size * fill));
        return ImageResampler.FitCentered(flat, size, size, inner, inner, paper);
    }
}
