using Workbench.Data.Catalog;

namespace Workbench.Data.Loaders;

/// <summary>
/// DomainNet (Peng et al. 2019): <c>&lt;root&gt;/&lt;domain&gt;/&lt;class&gt;/&lt;image&gt;</c> with the split lists
/// <c>&lt;domain&gt;_train.txt</c> / <c>&lt;domain&gt;_test.txt</c> (lines "<c>clipart/aircraft_carrier/clipart_001_000018.jpg 0</c>").
/// Class ids are the lists' label ids (345 classes); with a class subset (UCDIR's 7-class DomainNet),
/// the kept classes are renumbered 0..k-1 in id order.
/// </summary>
public static class DomainNetLoader
{
    /// <summary>Catalog name.</summary>
    public const string Name = "domainnet";

    /// <summary>Where to get it.</summary>
    public const string Download = "http://ai.bu.edu/M3SDA/ (the domain zips and the *_train.txt / *_test.txt lists)";

    /// <summary>The six domains.</summary>
    public static readonly IReadOnlyList<string> AllDomains = ["clipart", "infograph", "painting", "quickdraw", "real", "sketch"];

    /// <summary>Loads the listed images of <paramref name="domains"/> (default: every domain with a list file).</summary>
    /// <exception cref="DatasetNotInstalledException">No split list is present.</exception>
    /// <exception cref="InvalidDataException">A line is malformed or a class name maps to two ids; the message gives file and line.</exception>
    public static FileImageDataset Load(string folder, DatasetSplit split, ImageLoadOptions options, IReadOnlyList<string>? domains = null, IReadOnlyList<string>? classes = null)
    {
        string[] parts = split switch { DatasetSplit.Train => ["train"], DatasetSplit.Test => ["test"], _ => ["train", "test"] };
        var doms = (domains ?? AllDomains.Where(d => File.Exists(Path.Combine(folder, $"{d}_{parts[0]}.txt")))).ToArray();
        if (doms.Length == 0) UserFolder.Require(Name, folder, $"clipart_{parts[0]}.txt", $"Download {Download} and unpack the domains and lists into one folder");
        var rows = new List<(string Path, int Label, string Class, int Domain)>();
        for (int d = 0; d < doms.Length; d++)
        {
            foreach (var part in parts)
            {
                string list = Path.Combine(folder, $"{doms[d]}_{part}.txt");
                UserFolder.Require(Name, folder, $"{doms[d]}_{part}.txt", $"Download {Download}");
                foreach (var (line, f) in UserFolder.Fields(list))
                {
                    if (f.Length != 2) throw new InvalidDataException($"{list}:{line}: expected '<path> <label>', got {f.Length} fields.");
                    var segments = f[0].Split('/');
                    if (segments.Length < 3) throw new InvalidDataException($"{list}:{line}: path '{f[0]}' is not <domain>/<class>/<file>.");
                    rows.Add((Path.Combine(folder, f[0]), UserFolder.Int(list, line, f[1]), segments[^2], d));
                }
            }
        }
        var names = new SortedDictionary<int, string>();
        foreach (var r in rows)
        {
            if (names.TryGetValue(r.Label, out var known) && known != r.Class)
                throw new InvalidDataException($"{Name}: label {r.Label} is both '{known}' and '{r.Class}' in the lists.");
            names[r.Label] = r.Class;
        }
        var keep = names.Where(kv => classes is null || classes.Contains(kv.Value)).Select(kv => kv.Key).ToArray();
        if (classes is not null && keep.Length != classes.Count)
            throw new ArgumentException($"{Name}: unknown classes {string.Join(", ", classes.Except(names.Values))}.");
        var map = keep.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => (long)x.i);
        var entries = rows.Where(r => map.ContainsKey(r.Label)).Select(r => new ImageFileEntry(r.Path, map[r.Label], r.Domain)).ToList();
        string name = split == DatasetSplit.All ? Name : $"{Name}/{split.ToString().ToLowerInvariant()}";
        return new FileImageDataset(name, entries, keep.Select(k => names[k]).ToArray(), doms, options);
    }
}
