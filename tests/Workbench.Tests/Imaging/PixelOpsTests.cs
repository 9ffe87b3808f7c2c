using Workbench.Imaging;

namespace Workbench.Tests.Imaging;

public class PixelOpsTests
{
    [Fact]
    public void Ink_box_crop_paste_and_chw_round_trip()
    {
        var img = PixelImage.Filled(10, 8, 1, 0);
        img.Pixels[3 * 10 + 2] = 200;
        img.Pixels[5 * 10 + 6] = 9; // just above the threshold 8: still ink
        Assert.Equal((2, 3, 5, 3), PixelOps.InkBox(img, 0, 8));
        Assert.Null(PixelOps.InkBox(PixelImage.Filled(4, 4, 3, 255), 255));
        var crop = PixelOps.Crop(img, 2, 3, 5, 3);
        Assert.Equal(200, crop[0, 0, 0]);
        Assert.Equal(9, crop[4, 2, 0]);
        var canvas = PixelImage.Filled(4, 4, 1, 1);
        PixelOps.Paste(crop, canvas, -1, 2); // clipped on the left and bottom
        Assert.Equal(1, canvas[0, 0, 0]);
        Assert.Throws<ArgumentException>(() => PixelOps.Crop(img, 8, 0, 5, 1));

        var rgb = new PixelImage(2, 1, 3, [1, 2, 3, 4, 5, 6]);
        var chw = new byte[6];
        rgb.CopyToChw(chw);
        Assert.Equal(new byte[] { 1, 4, 2, 5, 3, 6 }, chw);
        Assert.Equal(rgb.Pixels, PixelImage.FromChw(chw, 3, 1, 2).Pixels);
    }

    [Fact]
    public void Alpha_ink_framing_centres_the_ink_on_paper()
    {
        var rgba = PixelImage.Filled(20, 20, 4, 0);
        for (int y = 2; y < 6; y++)
            for (int x = 10; x < 18; x++) (rgba.Pixels[(y * 20 + x) * 4], rgba.Pixels[(y * 20 + x) * 4 + 3]) = (255, 255);
        var framed = InkFraming.FitAlphaInk(rgba, 16, 3, fill: 0.5);
        Assert.Equal((16, 16, 3), (framed.Width, framed.Height, framed.Channels));
        Assert.Equal(new byte[] { 255, 0, 0 }, new[] { framed[8, 7, 0], framed[8, 7, 1], framed[8, 7, 2] }); // red ink near the centre
        Assert.Equal(255, framed[1, 1, 1]); // white paper in the corner
    }
}
