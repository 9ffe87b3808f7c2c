using Workbench.Data.Catalog;

namespace Workbench.Data.Loaders;

/// <summary>Checks that a user dataset folder has what a loader needs, with an error that says where to get it.</summary>
internal static class UserFolder
{
    /// <summary>Throws <see cref="DatasetNotInstalledException"/> unless <paramref name="folder"/>/<paramref name="required"/> exists.</summary>
    public static void Require(string dataset, string folder, string required, string howToGet)
    {
        string path = Path.Combine(folder, required);
        if (File.Exists(path) || Directory.Exists(path)) return;
        throw new DatasetNotInstalledException(dataset, path, $"{howToGet}, then point the workbench at the folder that holds {required}: {WhereTo(dataset)}.");
    }

    /// <summary>The ways to give a user dataset's folder, as the error messages list them.</summary>
    public static string WhereTo(string dataset) =>
        $"{DatasetLocations.OptionName} {dataset}=<folder> on `workbench experiment run` and the ablation commands, --path <folder> on `workbench data`, " +
        $"a `path`/`dataPath` setting in the configuration, or place it at <data root>/{dataset}";

    /// <summary>Image file extensions the decoders read.</summary>
    public static readonly IReadOnlySet<string> ImageExtensions =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tga" };

    /// <summary>Lines of a whitespace-separated text file, split into fields (blank lines skipped).</summary>
    public static IEnumerable<(int Line, string[] Fields)> Fields(string path)
    {
        int n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            var f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length > 0) yield return (n, f);
        }
    }

    /// <summary>Parses an integer field or throws <see cref="InvalidDataException"/> naming the file and line.</summary>
    public static int Int(string path, int line, string field)
    {
        if (!int.TryParse(field, out int v)) throw new InvalidDataException($"{path}:{line}: '{field}' is not an integer.");
        return v;
    }
}
