using TorchSharp;
using Workbench.Data;
using Workbench.Data.Catalog;
using Workbench.Runtime;
using static TorchSharp.torch;

namespace Workbench.Papers.Pretraining;

/// <summary>
/// The unlabelled image pool a pretraining run trains on, and which sets each paper's pool must leave out:
/// <list type="table">
/// <item><term>ucdir</term><description>evaluates on emoji (emoji-office, emoji-7: every vendor is an evaluation domain) → pool
/// <c>fonts</c> + <c>fashion-mnist</c> + <c>mnist-10k</c> (grey glyphs, clothes and digits, repeated to RGB).</description></item>
/// <item><term>spq</term><description>evaluates on Fashion-MNIST → pool <c>fonts</c> + <c>emoji-office-41</c> + <c>mnist-10k</c> (grey).</description></item>
/// <item><term>dml</term><description>evaluates on fonts (train and test are both glyphs of the same 700 faces) → pool
/// <c>emoji-office-41</c> + <c>fashion-mnist</c> + <c>mnist-10k</c> (grey).</description></item>
/// </list>
/// Every pool mixes object-like and stroke-like images at the target's resolution, so the encoder learns edges, strokes and
/// shapes without seeing any evaluation image. Labels are never used. <c>synthetic</c> (built in) serves the smoke preset.
/// Images <c>[N, C, S, S]</c> float in [0, 1], held in memory.
/// </summary>
public sealed class PretrainPool : IDisposable
{
    /// <summary>The papers a pool can serve.</summary>
    public static IReadOnlyList<string> Targets { get; } = ["ucdir", "spq", "dml"];

    private PretrainPool(Tensor images, IReadOnlyList<(string Name, int Count)> sources)
    {
        Images = images;
        Sources = sources;
    }

    /// <summary>All pool images, <c>[N, C, S, S]</c> in [0, 1].</summary>
    public Tensor Images { get; }

    /// <summary>How many images each dataset contributed.</summary>
    public IReadOnlyList<(string Name, int Count)> Sources { get; }

    /// <summary>N.</summary>
    public int Count => (int)Images.shape[0];

    /// <summary>The default pool for <paramref name="target"/>.</summary>
    public static IReadOnlyList<string> Default(string target) => target switch
    {
        "ucdir" => ["fonts", "fashion-mnist", "mnist-10k"],
        "spq" => ["fonts", "emoji-office-41", "mnist-10k"],
        "dml" => ["emoji-office-41", "fashion-mnist", "mnist-10k"],
        _ => [],
    };

    /// <summary>Datasets a pool for <paramref name="target"/> must not contain (its evaluation data).</summary>
    public static IReadOnlyList<string> Excluded(string target) => target switch
    {
        "ucdir" => ["emoji-office", "emoji-office-41", "emoji-7"],
        "spq" => ["fashion-mnist"],
        "dml" => ["fonts"],
        _ => [],
    };

    /// <summary>
    /// Loads up to <paramref name="perDataset"/> images of each of <paramref name="names"/>, converted to <paramref name="channels"/>
    /// channels (grey → RGB by repetition, RGB → grey by luma 0.299/0.587/0.114) and resized bilinearly to <paramref name="size"/>.
    /// </summary>
    /// <exception cref="DatasetNotInstalledException">A pool dataset is not installed.</exception>
    public static PretrainPool Load(IReadOnlyList<string> names, int perDataset, int channels, int size, long seed)
    {
        var parts = new List<Tensor>();
        var sources = new List<(string, int)>();
        try
        {
            foreach (var name in names)
            {
                var dataset = DatasetCatalog.Load(name);
                try
                {
                    int take = Math.Min(perDataset, dataset.Count);
                    var rng = new Random((int)(Seeding.Derive($"pretrain/pool/{name}", seed) & int.MaxValue));
                    var indices = Enumerable.Range(0, dataset.Count).OrderBy(_ => rng.Next()).Take(take).Order().ToArray();
                    parts.Add(Convert(dataset, indices, channels, size));
                    sources.Add((name, take));
                }
                finally
                {
                    (dataset as IDisposable)?.Dispose();
                }
            }
            return new PretrainPool(cat(parts), sources);
        }
        finally
        {
            foreach (var p in parts) p.Dispose();
        }
    }

    private static Tensor Convert(IImageDataset dataset, int[] indices, int channels, int size)
    {
        var chunks = new List<Tensor>();
        for (int start = 0; start < indices.Length; start += 1024)
        {
            using var scope = NewDisposeScope();
            var x = dataset.LoadFloat(indices.AsSpan(start, Math.Min(1024, indices.Length - start)));
            if (x.shape[1] != channels)
            {
                x = channels == 3
                    ? x.expand(-1, 3, -1, -1).contiguous()
                    : (x * tensor(new float[] { 0.299f, 0.587f, 0.114f }).view(1, 3, 1, 1)).sum(1, keepdim: true);
            }
            if (x.shape[2] != size || x.shape[3] != size)
                x = nn.functional.interpolate(x, [size, size], mode: InterpolationMode.Bilinear, align_corners: false).clamp(0, 1);
            chunks.Add(x.MoveToOuterDisposeScope());
        }
        try
        {
            return cat(chunks);
        }
        finally
        {
            foreach (var c in chunks) c.Dispose();
        }
    }

    /// <summary>Disposes the images.</summary>
    public void Dispose() => Images.Dispose();
}
