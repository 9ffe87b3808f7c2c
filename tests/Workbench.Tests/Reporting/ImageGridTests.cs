using Workbench.Reporting;

namespace Workbench.Tests.Reporting;

public class ImageGridTests
{
    [Fact]
    public void Tile_places_images_and_frames()
    {
        var images = zeros(new long[] { 5, 1, 8, 8 }, ScalarType.Byte); // black squares
        var frames = new Rgb?[] { Rgb.Relevant, Rgb.Irrelevant, null, Rgb.Query, null };
        var grid = ImageGrid.Tile(images, columns: 3, frames: frames, padding: 2);
        Assert.Equal((2, 3), (grid.Rows, grid.Columns));
        Assert.Equal(3 * 12, grid.Width);
        Assert.Equal(2 * 12, grid.Height);
        Assert.Equal(new Rgb(0, 0, 0), grid.PixelAt(2 + 4, 2 + 4));     // inside image 0
        Assert.Equal(Rgb.Relevant, grid.PixelAt(1, 1));                  // frame of image 0
        Assert.Equal(Rgb.Irrelevant, grid.PixelAt(12 + 1, 5));           // frame of image 1
        Assert.Equal(Rgb.White, grid.PixelAt(24 + 1, 5));                // no frame on image 2
        Assert.Equal(Rgb.White, grid.PixelAt(0, 0));                     // outer padding stays background
        Assert.Equal(Rgb.White, grid.PixelAt(2 * 12 + 5, 12 + 5));       // empty 6th cell
    }

    [Fact]
    public void Png_decodes_back_to_the_same_pixels()
    {
        var img = tensor(new float[] { 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0 }).reshape(3, 2, 2); // RGB float
        var grid = new ImageGrid(1, 1, 2, 2, padding: 1, frame: 1);
        grid.Set(0, 0, img, Rgb.Query);
        var decoded = StbImageSharp.ImageResult.FromMemory(grid.ToPng(), StbImageSharp.ColorComponents.RedGreenBlue);
        Assert.Equal((4, 4), (decoded.Width, decoded.Height));
        Assert.Equal(grid.Pixels.ToArray(), decoded.Data);
        Assert.Equal(new Rgb(255, 0, 0), grid.PixelAt(1, 1));
        Assert.Equal(new Rgb(0, 0, 255), grid.PixelAt(1, 2));
        Assert.StartsWith("<img alt=\"image grid\"", grid.ToHtml());
    }

    [Fact]
    public void Rgba_is_composited_and_large_images_are_scaled()
    {
        var rgba = zeros(new long[] { 4, 4, 4 }); // transparent black → background
        var grid = new ImageGrid(1, 1, 2, 2, padding: 0, frame: 0);
        grid.Set(0, 0, rgba);
        Assert.Equal(Rgb.White, grid.PixelAt(0, 0));
        Assert.Throws<ArgumentException>(() => grid.Set(0, 0, zeros(2, 4, 4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => grid.Set(1, 0, zeros(1, 2, 2)));
    }
}
