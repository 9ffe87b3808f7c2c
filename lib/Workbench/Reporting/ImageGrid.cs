using StbImageWriteSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Reporting;

/// <summary>
/// A canvas of rows × columns cells, each holding one image with an optional coloured frame,
/// written as PNG or as an HTML <c>&lt;img&gt;</c> with a data URI. Used for dataset previews,
/// augmented batches and retrieval grids (query + top-k framed green or red).
/// </summary>
/// <remarks>Images are uint8 [C, H, W] or floating point in [0, 1], with C = 1 (grey), 3 (RGB) or
/// 4 (RGBA, composited on the background). An image larger than the cell is scaled down with
/// area averaging; a smaller one is centred.</remarks>
public sealed class ImageGrid
{
    private readonly byte[] _pixels;

    /// <summary>Creates an empty grid.</summary>
    /// <param name="rows">Rows of cells (≥ 1).</param>
    /// <param name="columns">Columns of cells (≥ 1).</param>
    /// <param name="cellHeight">Image area height in pixels.</param>
    /// <param name="cellWidth">Image area width in pixels.</param>
    /// <param name="padding">Background pixels around each cell (default 4).</param>
    /// <param name="frame">Frame thickness in pixels, drawn inside the padding (default 3, at most <paramref name="padding"/>).</param>
    /// <param name="background">Background colour (default white).</param>
    public ImageGrid(int rows, int columns, int cellHeight, int cellWidth, int padding = 4, int frame = 3, Rgb? background = null)
    {
        if (rows < 1 || columns < 1) throw new ArgumentOutOfRangeException(nameof(rows), "A grid needs at least one row and one column.");
        if (cellHeight < 1 || cellWidth < 1) throw new ArgumentOutOfRangeException(nameof(cellHeight), "Cells need a positive size.");
        if (padding < 0 || frame < 0 || frame > padding) throw new ArgumentOutOfRangeException(nameof(frame), "Need 0 ≤ frame ≤ padding.");
        (Rows, Columns, CellHeight, CellWidth, Padding, Frame) = (rows, columns, cellHeight, cellWidth, padding, frame);
        Background = background ?? Rgb.White;
        Width = columns * (cellWidth + 2 * padding);
        Height = rows * (cellHeight + 2 * padding);
        _pixels = new byte[Width * Height * 3];
        for (int i = 0; i < _pixels.Length; i += 3) (_pixels[i], _pixels[i + 1], _pixels[i + 2]) = (Background.R, Background.G, Background.B);
    }

    /// <summary>Rows of cells.</summary>
    public int Rows { get; }

    /// <summary>Columns of cells.</summary>
    public int Columns { get; }

    /// <summary>Cell image height.</summary>
    public int CellHeight { get; }

    /// <summary>Cell image width.</summary>
    public int CellWidth { get; }

    /// <summary>Padding around each cell.</summary>
    public int Padding { get; }

    /// <summary>Frame thickness.</summary>
    public int Frame { get; }

    /// <summary>Background colour.</summary>
    public Rgb Background { get; }

    /// <summary>Canvas width in pixels.</summary>
    public int Width { get; }

    /// <summary>Canvas height in pixels.</summary>
    public int Height { get; }

    /// <summary>The canvas as packed RGB bytes, row-major [Height, Width, 3].</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>Places an image in a cell, with an optional frame colour.</summary>
    /// <param name="row">Cell row.</param>
    /// <param name="column">Cell column.</param>
    /// <param name="image">[C, H, W] uint8, or floating point in [0, 1]; C ∈ {1, 3, 4}.</param>
    /// <param name="frame">Frame colour, or null for none.</param>
    public void Set(int row, int column, Tensor image, Rgb? frame = null)
    {
        if ((uint)row >= Rows || (uint)column >= Columns) throw new ArgumentOutOfRangeException(nameof(row), $"Cell ({row}, {column}) is outside the {Rows}x{Columns} grid.");
        using var scope = NewDisposeScope();
        var rgb = ToRgbBytes(image, CellHeight, CellWidth, out int h, out int w);
        int x0 = column * (CellWidth + 2 * Padding) + Padding + (CellWidth - w) / 2;
        int y0 = row * (CellHeight + 2 * Padding) + Padding + (CellHeight - h) / 2;
        for (int y = 0; y < h; y++) Array.Copy(rgb, y * w * 3, _pixels, ((y0 + y) * Width + x0) * 3, w * 3);
        if (frame is { } f && Frame > 0) DrawFrame(row, column, f);
    }

    /// <summary>Tiles a batch of images row by row.</summary>
    /// <param name="images">[N, C, H, W] uint8 or float in [0, 1].</param>
    /// <param name="columns">Cells per row (default: up to 16).</param>
    /// <param name="frames">Optional frame colour per image.</param>
    /// <param name="padding">Padding around each cell.</param>
    public static ImageGrid Tile(Tensor images, int? columns = null, IReadOnlyList<Rgb?>? frames = null, int padding = 2)
    {
        if (images.dim() != 4) throw new ArgumentException($"Expected images [N, C, H, W], got [{string.Join(", ", images.shape)}].", nameof(images));
        int n = (int)images.shape[0];
        if (n == 0) throw new ArgumentException("No images to tile.", nameof(images));
        int cols = Math.Max(1, Math.Min(columns ?? 16, n));
        // One background pixel stays between neighbouring frames.
        var grid = new ImageGrid((n + cols - 1) / cols, cols, (int)images.shape[2], (int)images.shape[3], padding, Math.Max(0, padding - 1));
        for (int i = 0; i < n; i++)
        {
            using var img = images[i];
            grid.Set(i / cols, i % cols, img, frames is not null && i < frames.Count ? frames[i] : null);
        }
        return grid;
    }

    /// <summary>Encodes the canvas as PNG.</summary>
    public byte[] ToPng()
    {
        using var ms = new MemoryStream();
        new ImageWriter().WritePng(_pixels, Width, Height, ColorComponents.RedGreenBlue, ms);
        return ms.ToArray();
    }

    /// <summary>Writes the canvas as a PNG file, creating the folder.</summary>
    public void SavePng(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, ToPng());
    }

    /// <summary>An HTML <c>&lt;img&gt;</c> whose source is the PNG as a data URI.</summary>
    public string ToHtml(string alt = "image grid") =>
        $"<img alt=\"{System.Net.WebUtility.HtmlEncode(alt)}\" width=\"{Width}\" height=\"{Height}\" style=\"image-rendering:pixelated\" src=\"data:image/png;base64,{Convert.ToBase64String(ToPng())}\"/>";

    /// <summary>The colour of the canvas pixel at (x, y).</summary>
    public Rgb PixelAt(int x, int y)
    {
        int i = (y * Width + x) * 3;
        return new Rgb(_pixels[i], _pixels[i + 1], _pixels[i + 2]);
    }

    private void DrawFrame(int row, int column, Rgb c)
    {
        int left = column * (CellWidth + 2 * Padding) + Padding - Frame;
        int top = row * (CellHeight + 2 * Padding) + Padding - Frame;
        int w = CellWidth + 2 * Frame, h = CellHeight + 2 * Frame;
        for (int y = top; y < top + h; y++)
        {
            for (int x = left; x < left + w; x++)
            {
                bool inside = x >= left + Frame && x < left + w - Frame && y >= top + Frame && y < top + h - Frame;
                if (inside) continue;
                int i = (y * Width + x) * 3;
                (_pixels[i], _pixels[i + 1], _pixels[i + 2]) = (c.R, c.G, c.B);
            }
        }
    }

    private byte[] ToRgbBytes(Tensor image, int maxH, int maxW, out int h, out int w)
    {
        if (image.dim() != 3) throw new ArgumentException($"Expected an image [C, H, W], got [{string.Join(", ", image.shape)}].", nameof(image));
        int c = (int)image.shape[0];
        if (c is not (1 or 3 or 4)) throw new ArgumentException($"Images need 1, 3 or 4 channels, got {c}.", nameof(image));
        var x = image.detach().cpu();
        x = x.dtype == ScalarType.Byte ? x.to(ScalarType.Float32).div(255f) : x.to(ScalarType.Float32).clamp(0f, 1f);
        if (c == 4)
        {
            var alpha = x[3..4];
            var bg = tensor(new[] { Background.R / 255f, Background.G / 255f, Background.B / 255f }).reshape(3, 1, 1);
            x = x[..3] * alpha + bg * (1 - alpha);
        }
        else if (c == 1)
        {
            x = x.expand(3, -1, -1);
        }
        h = (int)x.shape[1];
        w = (int)x.shape[2];
        if (h > maxH || w > maxW)
        {
            double s = Math.Min(maxH / (double)h, maxW / (double)w);
            h = Math.Max(1, (int)(h * s));
            w = Math.Max(1, (int)(w * s));
            x = nn.functional.adaptive_avg_pool2d(x.unsqueeze(0), [h, w]).squeeze(0);
        }
        var hwc = x.mul(255f).round().clamp(0f, 255f).to(ScalarType.Byte).permute(1, 2, 0).contiguous();
        return hwc.data<byte>().ToArray();
    }
}
