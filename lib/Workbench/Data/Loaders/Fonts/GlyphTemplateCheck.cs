using TorchSharp;
using Workbench.Imaging;

namespace Workbench.Data.Loaders.Fonts;

/// <summary>
/// Finds display faces whose "letters" are pictures (dingbats: stars, cubes, circles): every glyph is
/// matched to the nearest of 62 class templates, the mean centred and L2-normalised glyph of the text
/// faces (serif, sans, mono); a face whose glyphs are recognised no better than chance fails.
/// </summary>
internal static class GlyphTemplateCheck
{
    /// <summary>Glyphs (of 62) a face must have recognised to pass; chance is about 1.</summary>
    public const int MinRecognised = 4;

    /// <summary>Number of the 62 glyphs of each candidate whose nearest template is its own class.</summary>
    /// <param name="reference">Glyph sets of text faces (62 images each, same size).</param>
    /// <param name="candidates">Glyph sets to score.</param>
    public static int[] Recognised(IReadOnlyList<PixelImage[]> reference, IReadOnlyList<PixelImage[]> candidates)
    {
        if (candidates.Count == 0) return [];
        if (reference.Count == 0) throw new InvalidOperationException("The template check needs at least one text face (serif, sans or mono).");
        using var scope = torch.NewDisposeScope();
        var templates = Vectors(reference).reshape(reference.Count, 62, -1).mean([0]);
        templates = torch.nn.functional.normalize(templates, dim: 1);               // [62, D]
        var scores = Vectors(candidates).matmul(templates.t());                     // [M*62, 62]
        var hit = scores.argmax(1).reshape(candidates.Count, 62).eq(torch.arange(62).unsqueeze(0));
        return hit.sum(1).to_type(torch.ScalarType.Int32).data<int>().ToArray();
    }

    /// <summary>Rows of centred, L2-normalised glyph vectors, float32 <c>[sets·62, D]</c>.</summary>
    private static torch.Tensor Vectors(IReadOnlyList<PixelImage[]> sets)
    {
        int d = sets[0][0].Pixels.Length;
        var buffer = new float[sets.Count * 62 * d];
        for (int s = 0; s < sets.Count; s++)
            for (int c = 0; c < 62; c++)
            {
                var p = sets[s][c].Pixels;
                int o = (s * 62 + c) * d;
                for (int i = 0; i < d; i++) buffer[o + i] = p[i];
            }
        var t = torch.tensor(buffer, [sets.Count * 62, d]);
        t = t - t.mean([1], keepdim: true);
        return torch.nn.functional.normalize(t, dim: 1);
    }
}
