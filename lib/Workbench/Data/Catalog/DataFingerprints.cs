using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Workbench.Data.Catalog;

/// <summary>
/// The <see cref="DataFingerprint"/> of a dataset, stored under <c>&lt;data root&gt;/fingerprints/</c>.
/// It is computed once — when <see cref="DatasetCatalog.Install"/> unpacks the data, or on first use
/// for data installed by <c>data/install.sh</c> or given as a folder — by hashing every file and
/// loading each split; computing it also checks the catalog's verified counts, so a run never
/// trains on a partial copy. Afterwards each use re-checks only the file count and byte total
/// (a directory walk, no reads): files deleted, added or truncated since then make
/// <see cref="DatasetCatalog.Load"/> and <see cref="Of"/> refuse with a <see cref="InvalidDataException"/>.
/// </summary>
public static class DataFingerprints
{
    /// <summary>Sub-folder of the data root holding the stored fingerprints.</summary>
    public const string FolderName = "fingerprints";

    /// <summary>User folders larger than this are fingerprinted by their listing (paths and sizes), not their contents.</summary>
    public const long ContentHashLimitBytes = 2L << 30;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The fingerprint of <paramref name="use"/>: the stored one after a cheap check, else computed, verified and stored.</summary>
    /// <exception cref="InvalidDataException">The files changed since they were fingerprinted, or the loaded counts fail the verified counts.</exception>
    /// <exception cref="DatasetNotInstalledException">The data is missing.</exception>
    public static DataFingerprint Of(DatasetUse use, DataRoot? root = null)
    {
        ArgumentNullException.ThrowIfNull(use);
        var r = root ?? DataRoot.Resolve();
        var entry = DatasetCatalog.Get(use.Name);
        if (entry.Kind == DatasetKind.Builtin) return Builtin(entry);
        if (Check(entry, use, r) is { } stored) return stored;
        return Record(use, r);
    }

    /// <summary>Computes <paramref name="use"/>'s fingerprint now (hash every file, load every split, check the verified counts) and stores it.</summary>
    /// <exception cref="InvalidDataException">The loaded counts fail the catalog's verified counts (nothing is stored).</exception>
    public static DataFingerprint Record(DatasetUse use, DataRoot? root = null)
    {
        ArgumentNullException.ThrowIfNull(use);
        var r = root ?? DataRoot.Resolve();
        var entry = DatasetCatalog.Get(use.Name);
        if (entry.Kind == DatasetKind.Builtin) return Builtin(entry);
        var folders = FoldersOf(entry, use, r);
        var files = List(folders);
        if (files is null) throw NotInstalled(entry, folders, r);
        long bytes = files.Sum(f => f.Length);
        bool byContent = entry.Kind == DatasetKind.Installable || bytes <= ContentHashLimitBytes;
        string hash = Hash(files, byContent);
        var fingerprint = new DataFingerprint(entry.Name, hash, files.Count, bytes, CountSplits(entry, use, r));
        string path = StorePath(entry, folders, r);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(fingerprint, Json));
        File.Move(temp, path, overwrite: true);
        return fingerprint;
    }

    /// <summary>
    /// The cheap check <see cref="DatasetCatalog.Load"/> makes: when a fingerprint is stored, the files'
    /// count and byte total must still match it. Returns the stored fingerprint, or null when none is
    /// stored yet or the data is missing (the loader then reports that).
    /// </summary>
    /// <exception cref="InvalidDataException">The files changed since they were fingerprinted.</exception>
    public static DataFingerprint? Check(DatasetUse use, DataRoot? root = null)
    {
        ArgumentNullException.ThrowIfNull(use);
        var entry = DatasetCatalog.Get(use.Name);
        return entry.Kind == DatasetKind.Builtin ? null : Check(entry, use, root ?? DataRoot.Resolve());
    }

    private static DataFingerprint? Check(DatasetEntry entry, DatasetUse use, DataRoot root)
    {
        var folders = FoldersOf(entry, use, root);
        string path = StorePath(entry, folders, root);
        if (!File.Exists(path)) return null;
        var stored = JsonSerializer.Deserialize<DataFingerprint>(File.ReadAllText(path), Json)
                     ?? throw new InvalidDataException($"{path} is empty; delete it and it is recomputed on next use.");
        var files = List(folders);
        if (files is null) return null;
        long bytes = files.Sum(f => f.Length);
        if (files.Count != stored.Files || bytes != stored.Bytes)
        {
            string fix = entry.Kind == DatasetKind.Installable
                ? $"Reinstall it: delete {string.Join(" ", folders)} and {path}, then run {InstallCommands.For(entry.Name, root)}"
                : $"If the new files are intended, delete {path} (it is recomputed on next use); otherwise restore the folder.";
            throw new InvalidDataException(
                $"Dataset '{entry.Name}' changed since it was fingerprinted: {files.Count} files / {bytes} bytes now, " +
                $"{stored.Files} files / {stored.Bytes} bytes recorded ({stored}). Nothing is trained on changed data. {fix}");
        }
        return stored;
    }

    private static DataFingerprint Builtin(DatasetEntry entry) =>
        new(entry.Name, "builtin", 0, 0, entry.Expected is { } e ? [new SplitCount("all", e.Images, e.Classes)] : []);

    private static IReadOnlyList<SplitCount> CountSplits(DatasetEntry entry, DatasetUse use, DataRoot root)
    {
        var options = new DatasetOptions { Root = root, Path = use.Path };
        var all = entry.Loader(options with { Split = DatasetSplit.All });
        var counts = new List<SplitCount> { new("all", all.Count, all.ClassNames.Count) };
        var problems = entry.Expected?.Compare(all) ?? [];
        (all as IDisposable)?.Dispose();
        if (problems.Count > 0)
        {
            throw new InvalidDataException(
                $"Dataset '{entry.Name}' fails its verified counts ({string.Join("; ", problems)}); nothing is trained on it. " +
                $"Reinstall it ({entry.InstallHint(root)}), or check the folder you gave.");
        }
        foreach (var split in new[] { DatasetSplit.Train, DatasetSplit.Test })
        {
            IImageDataset part;
            try
            {
                part = entry.Loader(options with { Split = split });
            }
            catch (ArgumentException)
            {
                return counts; // no official split: "all" is the only one
            }
            counts.Add(new SplitCount(split.ToString().ToLowerInvariant(), part.Count, part.ClassNames.Count));
            (part as IDisposable)?.Dispose();
        }
        return counts;
    }

    private static IReadOnlyList<string> FoldersOf(DatasetEntry entry, DatasetUse use, DataRoot root) => entry.Kind == DatasetKind.Installable
        ? entry.Pins.Select(p => p.Kind == "apt" ? root.Apt(p.Name) : root.Npm(p.Name)).ToList()
        : [Path.GetFullPath(DataRoot.ExpandHome(use.Path ?? DatasetLocations.Find(entry.Name) ?? root.Folder(entry.Name)))];

    private static string StorePath(DatasetEntry entry, IReadOnlyList<string> folders, DataRoot root)
    {
        string name = entry.Kind == DatasetKind.Installable
            ? entry.Name
            : $"{entry.Name}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(folders[0])))[..12]}";
        return Path.Combine(root.Path, FolderName, name + ".json");
    }

    /// <summary>Every file under the folders (each tagged with its folder's index and sorted by relative path), or null if a folder is missing.</summary>
    private static List<FileEntry>? List(IReadOnlyList<string> folders)
    {
        var files = new List<FileEntry>();
        for (int i = 0; i < folders.Count; i++)
        {
            if (!Directory.Exists(folders[i])) return null;
            foreach (var info in new DirectoryInfo(folders[i]).EnumerateFiles("*", SearchOption.AllDirectories))
            {
                if (IsInstallMarker(folders[i], info) || IsDanglingLink(info)) continue;
                files.Add(new FileEntry($"{i}/{Path.GetRelativePath(folders[i], info.FullName).Replace('\\', '/')}", info.FullName, info.Length));
            }
        }
        files.Sort((a, b) => string.CompareOrdinal(a.Relative, b.Relative));
        return files;
    }

    /// <summary>
    /// A symbolic link whose target does not exist, e.g. a package's <c>/etc/fonts/conf.d</c> link to a system path outside the data
    /// root (fonts-comic-neue): no data, and it has no length to read, so it is no part of the fingerprint.
    /// </summary>
    private static bool IsDanglingLink(FileInfo file) => file.LinkTarget is not null && file.ResolveLinkTarget(returnFinalTarget: true) is not { Exists: true };

    /// <summary>
    /// The installer's bookkeeping at a folder's top (<c>.workbench-installed</c>, the older <c>.verified</c>): rewritten
    /// by every install or repair without the data changing, so it is no part of the data's fingerprint.
    /// </summary>
    private static bool IsInstallMarker(string folder, FileInfo file) =>
        string.Equals(file.DirectoryName, Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal)
        && (file.Name.StartsWith(".workbench", StringComparison.Ordinal) || file.Name == ".verified");

    private static string Hash(List<FileEntry> files, bool byContent)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var f in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes($"{f.Relative}\n{f.Length}\n"));
            if (byContent) sha.AppendData(File.ReadAllBytes(f.FullName));
        }
        string hex = Convert.ToHexStringLower(sha.GetHashAndReset());
        return byContent ? hex : "listing:" + hex;
    }

    private static DatasetNotInstalledException NotInstalled(DatasetEntry entry, IReadOnlyList<string> folders, DataRoot root) =>
        new(entry.Name, folders.First(f => !Directory.Exists(f)), entry.InstallHint(root));

    private sealed record FileEntry(string Relative, string FullName, long Length);
}
