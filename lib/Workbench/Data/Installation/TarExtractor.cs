using System.Formats.Tar;

namespace Workbench.Data.Installation;

/// <summary>Extracts (selected members of) a tar stream into a folder, refusing entries that would escape it.</summary>
public static class TarExtractor
{
    /// <summary>
    /// Extracts every entry whose normalised name (no leading <c>./</c>) equals a member or lies under it;
    /// all entries when <paramref name="members"/> is empty. Regular files and folders are created;
    /// links and other entry types are skipped (no dataset needs them, and a link could redirect later
    /// writes outside the folder). Returns the number of files written.
    /// </summary>
    /// <exception cref="InvalidDataException">An entry's path leaves <paramref name="destination"/>.</exception>
    public static int Extract(Stream tar, string destination, IReadOnlyCollection<string> members)
    {
        var root = Path.GetFullPath(destination);
        Directory.CreateDirectory(root);
        var wanted = members.Select(Normalise).ToArray();
        int files = 0;
        using var reader = new TarReader(tar, leaveOpen: true);
        TarEntry? entry;
        while ((entry = reader.GetNextEntry()) is not null)
        {
            string name = Normalise(entry.Name);
            if (name.Length == 0) continue;
            if (wanted.Length > 0 && !wanted.Any(m => name == m || name.StartsWith(m + "/", StringComparison.Ordinal))) continue;
            string target = Path.GetFullPath(Path.Combine(root, name));
            if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new InvalidDataException($"Archive entry '{entry.Name}' would be written outside {root}.");
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(target);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    entry.ExtractToFile(target, overwrite: true);
                    files++;
                    break;
            }
        }
        return files;
    }

    private static string Normalise(string name)
    {
        name = name.Replace('\\', '/');
        while (name.StartsWith("./", StringComparison.Ordinal)) name = name[2..];
        return name.TrimEnd('/');
    }
}
