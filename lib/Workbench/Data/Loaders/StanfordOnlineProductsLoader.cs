using Workbench.Data.Catalog;

namespace Workbench.Data.Loaders;

/// <summary>
/// Stanford Online Products (Song et al. 2016): <c>Ebay_train.txt</c> / <c>Ebay_test.txt</c> with a header and
/// lines "<c>image_id class_id super_class_id path</c>"; images under the root. Train: 11,318 classes,
/// 59,551 images; test: 11,316 classes, 60,502 images. Classes are renumbered from 0 per split, in id order;
/// class names are the product ids.
/// </summary>
public static class StanfordOnlineProductsLoader
{
    /// <summary>Catalog name.</summary>
    public const string Name = "sop";

    /// <summary>Where to get it.</summary>
    public const string Download = "https://cvgl.stanford.edu/projects/lifted_struct/ (Stanford_Online_Products.zip)";

    /// <summary>Loads <paramref name="split"/> from the extracted <c>Stanford_Online_Products</c> folder.</summary>
    /// <exception cref="DatasetNotInstalledException">The list files are missing.</exception>
    /// <exception cref="InvalidDataException">A line does not have four fields.</exception>
    public static FileImageDataset Load(string folder, DatasetSplit split, ImageLoadOptions options)
    {
        if (!File.Exists(Path.Combine(folder, "Ebay_train.txt")) && Directory.Exists(Path.Combine(folder, "Stanford_Online_Products")))
            folder = Path.Combine(folder, "Stanford_Online_Products");
        string[] lists = split switch { DatasetSplit.Train => ["Ebay_train.txt"], DatasetSplit.Test => ["Ebay_test.txt"], _ => ["Ebay_train.txt", "Ebay_test.txt"] };
        var rows = new List<(string Path, int Class)>();
        foreach (var l in lists)
        {
            UserFolder.Require(Name, folder, l, $"Download {Download} and extract it");
            string path = Path.Combine(folder, l);
            foreach (var (line, f) in UserFolder.Fields(path).Skip(1))
            {
                if (f.Length != 4) throw new InvalidDataException($"{path}:{line}: expected 'image_id class_id super_class_id path', got {f.Length} fields.");
                rows.Add((Path.Combine(folder, f[3]), UserFolder.Int(path, line, f[1])));
            }
        }
        var ids = rows.Select(r => r.Class).Distinct().Order().ToArray();
        var map = ids.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => (long)x.i);
        var entries = rows.Select(r => new ImageFileEntry(r.Path, map[r.Class])).ToList();
        string name = split == DatasetSplit.All ? Name : $"{Name}/{split.ToString().ToLowerInvariant()}";
        return new FileImageDataset(name, entries, ids.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(), null, options);
    }
}
