using System.Security.Cryptography;

namespace Workbench.Data.Installation;

/// <summary>
/// The install marker <c>.workbench-installed</c> of an unpacked package and the content check behind it.
/// Format (shared with <c>data/install.sh</c>): line 1 <c>kind name version</c>, line 2 <c>N bytes from ARCHIVE</c>,
/// then one <c>file &lt;sha256 hex&gt; &lt;relative path&gt;</c> line per unpacked file, written when the archive was
/// unpacked. <see cref="Problems"/> re-hashes every file: a marker is never trusted over the content.
/// </summary>
public static class InstalledFiles
{
    /// <summary>The prefix of a file line.</summary>
    public const string FileLine = "file ";

    /// <summary>The marker lines for the tree in <paramref name="folder"/> (every file but the marker, sorted by ordinal path).</summary>
    public static IReadOnlyList<string> MarkerLines(PackagePin pin, string folder, long archiveBytes, string archiveName)
    {
        var lines = new List<string> { pin.MarkerLine, $"{archiveBytes} bytes from {archiveName}" };
        foreach (var file in Files(folder))
        {
            lines.Add($"{FileLine}{Hash(Path.Combine(folder, file))} {file}");
        }
        return lines;
    }

    /// <summary>
    /// What is wrong with the installed tree of <paramref name="pin"/> in <paramref name="folder"/>: empty when its marker
    /// names this version and every listed file is present with its recorded SHA-256; otherwise one line per problem
    /// (not installed, a marker without checksums, each missing or changed file).
    /// </summary>
    public static IReadOnlyList<string> Problems(PackagePin pin, string folder)
    {
        string marker = Path.Combine(folder, Catalog.DataRoot.MarkerFile);
        if (!File.Exists(marker)) return [$"{pin.Spec}: not installed ({folder} has no install marker)"];
        var lines = File.ReadAllLines(marker);
        if (lines.Length == 0 || lines[0] != pin.MarkerLine) return [$"{pin.Spec}: not installed (the marker names '{lines.FirstOrDefault()}')"];
        var listed = lines.Where(l => l.StartsWith(FileLine, StringComparison.Ordinal)).ToList();
        if (listed.Count == 0) return [$"{pin.Spec}: installed without file checksums (an older installer); reinstall to verify it"];
        var problems = new List<string>();
        foreach (var line in listed)
        {
            int space = line.IndexOf(' ', FileLine.Length);
            if (space < 0)
            {
                problems.Add($"{pin.Spec}: unreadable marker line '{line}'");
                continue;
            }
            string expected = line[FileLine.Length..space], relative = line[(space + 1)..];
            string path = Path.Combine(folder, relative);
            if (!File.Exists(path)) problems.Add($"{path}: missing");
            else if (!string.Equals(Hash(path), expected, StringComparison.Ordinal)) problems.Add($"{path}: damaged (SHA-256 differs from the one recorded at install)");
        }
        return problems;
    }

    private static IEnumerable<string> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(f => f != Catalog.DataRoot.MarkerFile)
            .OrderBy(f => f, StringComparer.Ordinal);

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
