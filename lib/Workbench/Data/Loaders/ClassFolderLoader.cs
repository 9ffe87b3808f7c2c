using Workbench.Data.Catalog;

namespace Workbench.Data.Loaders;

/// <summary>
/// Images in class folders, one folder per domain: <c>&lt;root&gt;/&lt;domain&gt;/&lt;class&gt;/&lt;image&gt;</c> (Office-Home:
/// Art, Clipart, Product, Real World) or UCDIR's <c>&lt;root&gt;/&lt;domain&gt;/train/&lt;class&gt;/&lt;image&gt;</c>; and the
/// single-domain <c>&lt;root&gt;/&lt;class&gt;/&lt;image&gt;</c> (torchvision's ImageFolder). Class ids follow the sorted
/// (ordinal) class-folder names, as ImageFolder and UCDIR assign them.
/// </summary>
public static class ClassFolderLoader
{
    /// <summary>Office-Home's download page.</summary>
    public const string OfficeHomeDownload = "https://www.hemanthdv.org/officeHomeDataset.html (OfficeHomeDataset_10072016.zip)";

    /// <summary>
    /// A multi-domain set from <paramref name="folder"/>: every subfolder is a domain (or only <paramref name="domains"/>).
    /// Every domain must have the same class folders, unless <paramref name="allowMissingClasses"/>.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder or a requested domain is missing.</exception>
    /// <exception cref="InvalidDataException">A domain lacks class folders the others have (the message lists them), or a class folder has no images.</exception>
    public static FileImageDataset LoadDomains(string folder, string name, ImageLoadOptions options, IReadOnlyList<string>? domains = null, bool allowMissingClasses = false)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{name}: folder not found: {folder}");
        var domainNames = domains?.ToArray() ?? Directory.GetDirectories(folder).Select(Path.GetFileName).Where(d => !d!.StartsWith('.')).Order(StringComparer.Ordinal).ToArray()!;
        if (domainNames.Length == 0) throw new InvalidDataException($"{name}: {folder} has no domain folders; expected <domain>/<class>/<image>.");
        var domainDirs = domainNames.Select(d =>
        {
            var dir = Path.Combine(folder, d!);
            if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"{name}: domain folder '{d}' not found in {folder}.");
            // UCDIR layout: <domain>/train/<class>/... (possibly next to test/ or val/).
            var subs = Directory.GetDirectories(dir).Select(Path.GetFileName).ToArray();
            return subs.Contains("train") && subs.All(s => s is "train" or "test" or "val") ? Path.Combine(dir, "train") : dir;
        }).ToArray();
        var classesPer = domainDirs.Select(ClassFolders).ToArray();
        var classes = classesPer.SelectMany(c => c).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (classes.Length == 0) throw new InvalidDataException($"{name}: no class folders under {folder}; expected <domain>/<class>/<image>.");
        if (!allowMissingClasses)
        {
            var problems = domainNames.Select((d, i) => (d, missing: classes.Except(classesPer[i]).ToArray())).Where(x => x.missing.Length > 0).ToArray();
            if (problems.Length > 0)
                throw new InvalidDataException($"{name}: domains differ in their class folders: " +
                    string.Join("; ", problems.Select(p => $"'{p.d}' lacks {string.Join(", ", p.missing.Take(10))}{(p.missing.Length > 10 ? $" and {p.missing.Length - 10} more" : "")}")) +
                    ". Restore the missing folders (a partial download?) or load with allowMissingClasses.");
        }
        var index = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => (long)x.i, StringComparer.Ordinal);
        var entries = new List<ImageFileEntry>();
        for (int d = 0; d < domainDirs.Length; d++)
            foreach (var c in classesPer[d])
                entries.AddRange(Images(Path.Combine(domainDirs[d], c), name).Select(f => new ImageFileEntry(f, index[c], d)));
        return new FileImageDataset(name, entries, classes, domainNames!, options);
    }

    /// <summary>A single-domain ImageFolder: <c>&lt;folder&gt;/&lt;class&gt;/&lt;image&gt;</c>.</summary>
    public static FileImageDataset LoadImageFolder(string folder, string name, ImageLoadOptions options)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{name}: folder not found: {folder}");
        var classes = ClassFolders(folder);
        if (classes.Length == 0) throw new InvalidDataException($"{name}: no class folders in {folder}; expected <class>/<image>.");
        var entries = classes.SelectMany((c, i) => Images(Path.Combine(folder, c), name).Select(f => new ImageFileEntry(f, i))).ToList();
        return new FileImageDataset(name, entries, classes, null, options);
    }

    private static string[] ClassFolders(string dir) =>
        Directory.GetDirectories(dir).Select(Path.GetFileName).Where(d => !d!.StartsWith('.')).Order(StringComparer.Ordinal).ToArray()!;

    private static string[] Images(string classDir, string name)
    {
        var files = Directory.GetFiles(classDir).Where(f => UserFolder.ImageExtensions.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0) throw new InvalidDataException($"{name}: class folder {classDir} has no images (.jpg, .png, ...).");
        return files;
    }
}
