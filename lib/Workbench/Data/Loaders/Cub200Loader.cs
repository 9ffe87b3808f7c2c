using Workbench.Data.Catalog;

namespace Workbench.Data.Loaders;

/// <summary>
/// CUB-200-2011 (Wah et al. 2011): <c>images.txt</c> ("id path"), <c>image_class_labels.txt</c> ("id class"),
/// <c>classes.txt</c> ("class name"), images under <c>images/</c>. The metric-learning protocol
/// (Song et al. 2016/2017, papers.md 3.5): train on classes 1-100 (5,864 images), test on 101-200
/// (5,924); each split's classes are renumbered from 0.
/// </summary>
public static class Cub200Loader
{
    /// <summary>Catalog name.</summary>
    public const string Name = "cub200";

    /// <summary>Where to get it.</summary>
    public const string Download = "https://www.vision.caltech.edu/datasets/cub_200_2011/ (CUB_200_2011.tgz)";

    /// <summary>Loads <paramref name="split"/> from the extracted <c>CUB_200_2011</c> folder.</summary>
    /// <exception cref="DatasetNotInstalledException">The list files are missing.</exception>
    /// <exception cref="InvalidDataException">The lists disagree (an image without a label, a class outside 1..200).</exception>
    public static FileImageDataset Load(string folder, DatasetSplit split, ImageLoadOptions options)
    {
        if (!File.Exists(Path.Combine(folder, "images.txt")) && Directory.Exists(Path.Combine(folder, "CUB_200_2011"))) folder = Path.Combine(folder, "CUB_200_2011");
        foreach (var f in new[] { "images.txt", "image_class_labels.txt", "classes.txt" })
            UserFolder.Require(Name, folder, f, $"Download {Download} and extract it");
        var paths = UserFolder.Fields(Path.Combine(folder, "images.txt")).ToDictionary(x => UserFolder.Int("images.txt", x.Line, x.Fields[0]), x => x.Fields[1]);
        var labels = UserFolder.Fields(Path.Combine(folder, "image_class_labels.txt")).ToDictionary(x => UserFolder.Int("image_class_labels.txt", x.Line, x.Fields[0]), x => UserFolder.Int("image_class_labels.txt", x.Line, x.Fields[1]));
        var classNames = UserFolder.Fields(Path.Combine(folder, "classes.txt")).ToDictionary(x => UserFolder.Int("classes.txt", x.Line, x.Fields[0]), x => x.Fields[1]);
        return ZeroShotSplit.Build(Name, split, 100, paths.Keys.Order().Select(id =>
        {
            if (!labels.TryGetValue(id, out int c)) throw new InvalidDataException($"{Name}: image {id} has no line in image_class_labels.txt.");
            if (!classNames.ContainsKey(c)) throw new InvalidDataException($"{Name}: image {id} has class {c}, which classes.txt does not list.");
            return (Path.Combine(folder, "images", paths[id]), c);
        }).ToList(), classNames, options);
    }
}
