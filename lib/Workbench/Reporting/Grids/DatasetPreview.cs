using System.Net;
using TorchSharp;
using Workbench.Data;
using Workbench.Data.Augmentation;
using Workbench.Reporting;
using Workbench.Runtime;

namespace Workbench.Reporting.Grids;

/// <summary>
/// Image-grid previews (PNG or HTML, through <see cref="ImageGrid"/>) of a dataset slice or an
/// augmented batch: one row per domain (or several rows of a single-domain set), images evenly
/// spaced through each domain so the classes vary along a row.
/// </summary>
public static class DatasetPreview
{
    /// <summary>
    /// The indices shown: for each domain, <paramref name="rowsPerDomain"/> rows of <paramref name="columns"/>
    /// images evenly spaced through that domain (a single-domain set gets <paramref name="rowsPerDomain"/> rows).
    /// Each row is returned separately.
    /// </summary>
    public static IReadOnlyList<int[]> SelectRows(IImageDataset dataset, int columns, int rowsPerDomain)
    {
        if (columns < 1 || rowsPerDomain < 1) throw new ArgumentOutOfRangeException(nameof(columns), "Columns and rows must be at least 1.");
        var rows = new List<int[]>();
        for (int d = 0; d < dataset.DomainNames.Count; d++)
        {
            var members = Enumerable.Range(0, dataset.Count).Where(i => dataset.Domains[i] == d).ToArray();
            if (members.Length == 0) continue;
            int k = Math.Min(columns * rowsPerDomain, members.Length);
            var picked = Enumerable.Range(0, k).Select(j => members[(int)((long)j * members.Length / k)]).ToArray();
            for (int r = 0; r * columns < picked.Length; r++) rows.Add(picked.Skip(r * columns).Take(columns).ToArray());
        }
        return rows;
    }

    /// <summary>
    /// A grid of the dataset: <see cref="SelectRows"/>; with <paramref name="augmentation"/>, each row is
    /// followed by two augmented views of the same images (drawn from <paramref name="seed"/>).
    /// </summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="columns">Images per row.</param>
    /// <param name="rowsPerDomain">Rows per domain.</param>
    /// <param name="augmentation">Optional augmentation shown as two extra rows per row.</param>
    /// <param name="seed">Seed of the augmentation.</param>
    /// <param name="minCell">Images smaller than this are enlarged by an integer factor (nearest neighbour) so tiny images stay visible.</param>
    public static ImageGrid Build(IImageDataset dataset, int columns = 16, int rowsPerDomain = 2, IBatchAugmentation? augmentation = null, long seed = 0, int minCell = 32)
    {
        var rows = SelectRows(dataset, columns, rowsPerDomain);
        if (rows.Count == 0) throw new ArgumentException($"{dataset.Name} has no images to preview.", nameof(dataset));
        var generator = augmentation is null ? null : Seeding.NewGenerator("preview", seed);
        int perRow = augmentation is null ? 1 : 3;
        using var scope = torch.NewDisposeScope();
        var first = dataset.LoadFloat(rows[0].AsSpan(0, 1));
        var sample = augmentation is null ? first : augmentation.Apply(first, generator!);
        int factor = Math.Max(1, (int)Math.Ceiling(minCell / (double)Math.Min(sample.shape[2], sample.shape[3])));
        var grid = new ImageGrid(rows.Count * perRow, Math.Min(columns, rows.Max(r => r.Length)), (int)sample.shape[2] * factor, (int)sample.shape[3] * factor, padding: 2, frame: 1);
        for (int r = 0; r < rows.Count; r++)
        {
            var images = dataset.LoadFloat(rows[r]);
            var blocks = new List<torch.Tensor> { images };
            if (augmentation is not null)
            {
                var (a, b) = new TwoViewAugmentation(augmentation).Apply(images, generator!);
                blocks.Add(a);
                blocks.Add(b);
            }
            for (int k = 0; k < blocks.Count; k++)
            {
                var block = factor == 1 ? blocks[k] : blocks[k].repeat_interleave(factor, 2).repeat_interleave(factor, 3);
                for (int c = 0; c < rows[r].Length; c++) grid.Set(r * perRow + k, c, block[c]);
            }
        }
        return grid;
    }

    /// <summary>Writes a small self-contained HTML page holding <paramref name="grid"/> and a caption.</summary>
    public static void SaveHtml(ImageGrid grid, string title, string caption, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path,
            $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title></head>\n" +
            $"<body style=\"font-family:sans-serif\"><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(caption)}</p>\n{grid.ToHtml(title)}\n</body></html>\n");
    }
}
