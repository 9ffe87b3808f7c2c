using Workbench.Data.Catalog;
using Workbench.Data.Loaders.Mat;

namespace Workbench.Data.Loaders;

/// <summary>
/// Cars196 / Stanford Cars (Krause et al. 2013): <c>cars_annos.mat</c> (struct array <c>annotations</c> with
/// <c>relative_im_path</c> and <c>class</c>; cell array <c>class_names</c>) and the images under <c>car_ims/</c>.
/// Metric-learning protocol (papers.md 3.5): train on classes 1-98 (8,054 images), test on 99-196
/// (8,131); the file's own train/test flag is not used. Each split's classes are renumbered from 0.
/// </summary>
public static class Cars196Loader
{
    /// <summary>Catalog name.</summary>
    public const string Name = "cars196";

    /// <summary>Where to get it.</summary>
    public const string Download = "the Stanford Cars page (car_ims.tgz and cars_annos.mat; mirrored on Kaggle and Hugging Face)";

    /// <summary>Loads <paramref name="split"/> from the folder holding <c>cars_annos.mat</c> and <c>car_ims/</c>.</summary>
    /// <exception cref="DatasetNotInstalledException">The annotation file is missing.</exception>
    /// <exception cref="InvalidDataException">The MAT-file lacks the expected variables or fields.</exception>
    public static FileImageDataset Load(string folder, DatasetSplit split, ImageLoadOptions options)
    {
        UserFolder.Require(Name, folder, "cars_annos.mat", $"Download {Download} and extract car_ims next to it");
        string path = Path.Combine(folder, "cars_annos.mat");
        var vars = MatFileReader.Read(path);
        if (!vars.TryGetValue("annotations", out var annos) || annos.Kind != MatArray.ArrayKind.Struct)
            throw new InvalidDataException($"{path}: no struct array 'annotations' (variables: {string.Join(", ", vars.Keys)}).");
        var names = new Dictionary<int, string>();
        if (vars.TryGetValue("class_names", out var cn) && cn.Kind == MatArray.ArrayKind.Cell)
            for (int i = 0; i < cn.Items.Length; i++) names[i + 1] = cn.Items[i].Text;
        var rows = new List<(string, int)>(annos.Count);
        for (int i = 0; i < annos.Count; i++)
        {
            string rel = annos.Field(i, "relative_im_path").Text;
            int c = (int)annos.Field(i, "class").Numbers[0];
            if (!names.ContainsKey(c)) names[c] = $"class {c}";
            rows.Add((Path.Combine(folder, rel), c));
        }
        return ZeroShotSplit.Build(Name, split, 98, rows, names, options);
    }
}
