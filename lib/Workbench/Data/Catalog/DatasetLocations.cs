using System.Collections.Concurrent;

namespace Workbench.Data.Catalog;

/// <summary>
/// Where user datasets live for this process, by catalog name: what <c>--data cifar10=~/data/cifar-10-batches-bin</c>
/// sets on the experiment and ablation commands. <see cref="DatasetCatalog.Load"/> looks a dataset up here when its
/// options give no <see cref="DatasetOptions.Path"/>, before the default <c>&lt;data root&gt;/&lt;name&gt;</c>.
/// </summary>
/// <remarks>A location is where the data is, not what the experiment is: it is not part of a configuration hash,
/// like the data root.</remarks>
public static class DatasetLocations
{
    /// <summary>The option that sets locations on the command line.</summary>
    public const string OptionName = "--data";

    private static readonly ConcurrentDictionary<string, string> Folders = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Sets the folder of dataset <paramref name="name"/> (a catalog name; <c>~</c> is expanded, relative paths are made absolute).</summary>
    /// <exception cref="ArgumentException">The name is not in the catalog (the message lists the names) or the folder is empty.</exception>
    public static void Set(string name, string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (string.IsNullOrWhiteSpace(folder)) throw new ArgumentException($"{OptionName} {name}=: give the folder that holds the dataset.", nameof(folder));
        string known = DatasetCatalog.Get(name).Name; // throws with the known names
        Folders[known] = Path.GetFullPath(DataRoot.ExpandHome(folder));
    }

    /// <summary>Applies a <c>name=folder</c> pair as written after <see cref="OptionName"/>.</summary>
    /// <exception cref="ArgumentException">The text is not <c>name=folder</c>, or <see cref="Set"/> refuses it.</exception>
    public static void Apply(string nameEqualsFolder)
    {
        ArgumentNullException.ThrowIfNull(nameEqualsFolder);
        int eq = nameEqualsFolder.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0) throw new ArgumentException($"{OptionName} takes name=folder, e.g. {OptionName} cifar10=~/data/cifar-10-batches-bin (got '{nameEqualsFolder}').");
        Set(nameEqualsFolder[..eq].Trim(), nameEqualsFolder[(eq + 1)..].Trim());
    }

    /// <summary>The folder set for <paramref name="name"/>, or null.</summary>
    public static string? Find(string name) => Folders.TryGetValue(name, out var folder) ? folder : null;

    /// <summary>Forgets the location of <paramref name="name"/>; true when one was set.</summary>
    public static bool Remove(string name) => Folders.TryRemove(name, out _);

    /// <summary>Forgets every location (tests, long-lived hosts).</summary>
    public static void Clear() => Folders.Clear();
}
