using Workbench.Data.Catalog;
using Workbench.Imaging;
using Workbench.Imaging.FreeType;

namespace Workbench.Tests.Imaging;

public class FreeTypeTests
{
    /// <summary>DejaVu Sans: on the base image (fonts-dejavu-core) or in the data root after installing the fonts set.</summary>
    internal static string? DejaVuSans()
    {
        string[] candidates =
        [
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            DataRoot.Resolve().Apt("fonts-dejavu-core", "usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        ];
        return candidates.FirstOrDefault(File.Exists);
    }

    [Fact]
    public void Renders_glyphs_with_metrics_and_reports_missing_ones()
    {
        var path = DejaVuSans();
        Assert.True(path is not null, "DejaVu Sans is needed for this test: apt-get install fonts-dejavu-core, or bash data/install.sh fonts");
        using var ft = new FreeTypeLibrary();
        using var face = ft.OpenFace(path!);
        Assert.Equal("DejaVu Sans", face.FamilyName);
        Assert.True(face.HasGlyph('A'));
        Assert.False(face.HasGlyph(0xE000)); // private use area
        Assert.Null(face.Render(0xE000));
        face.SetPixelSize(40);
        var a = face.Render('A')!;
        Assert.NotNull(a.Image);
        Assert.Equal(1, a.Image!.Channels);
        Assert.InRange(a.Image.Height, 25, 33);          // cap height of DejaVu Sans at 40 px is about 29 px
        Assert.InRange(a.Top, 25, 33);                   // sits on the baseline
        Assert.True(a.Image.Pixels.Max() == 255);
        var g = face.Render('g')!;
        Assert.True(g.Top - g.Image!.Height < 0, "'g' has a descender below the baseline");
        Assert.True(face.Render(' ')!.IsEmpty);
        face.SetPixelSize(80);
        Assert.InRange(face.Render('A')!.Image!.Height, 2 * a.Image.Height - 3, 2 * a.Image.Height + 3);
    }

    [Fact]
    public void Non_font_files_are_rejected_with_the_path()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "not a font");
            using var ft = new FreeTypeLibrary();
            var e = Assert.Throws<InvalidDataException>(() => ft.OpenFace(file));
            Assert.Contains(file, e.Message);
            Assert.Throws<FileNotFoundException>(() => ft.OpenFace(file + ".missing"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
