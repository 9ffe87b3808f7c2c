using System.Formats.Tar;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Workbench.Data;
using Workbench.Data.Catalog;
using Workbench.Data.Installation;

namespace Workbench.Tests.Data;

[Collection("DatasetCatalog")]
public class CatalogTests
{
    [Fact]
    public void The_catalog_has_every_promised_name()
    {
        string[] required = ["synthetic", "fashion-mnist", "mnist-10k", "optdigits-8x8", "emoji-office", "emoji-7", "fonts",
            "cifar10", "office-home", "domainnet", "cub200", "cars196", "sop"];
        Assert.Empty(required.Except(DatasetCatalog.Names));
        Assert.Contains("fashion-mnist, mnist-10k", Assert.Throws<ArgumentException>(() => DatasetCatalog.Get("imagenet")).Message);
        Assert.Equal("fonts", DatasetCatalog.Get("FONTS").Name);
    }

    [Theory]
    [InlineData("fashion-mnist", "fashion-mnist")]
    [InlineData("mnist-10k", "mnist-10k")]
    [InlineData("optdigits-8x8", "optdigits-8x8")]
    [InlineData("emoji-office", "emoji")]
    [InlineData("emoji-7", "emoji")]
    [InlineData("fonts", "fonts")]
    public void A_missing_dataset_names_the_exact_install_command(string name, string scriptSet)
    {
        using var empty = new TempDir();
        var o = new DatasetOptions { Root = new DataRoot(empty.Path) };
        if (name is "fashion-mnist" or "optdigits-8x8" && (Directory.Exists("/usr/share/datasets/fashion-mnist") || File.Exists("/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz")))
            return; // installed system-wide with apt: the loader finds it there, by design
        var e = Assert.Throws<DatasetNotInstalledException>(() => DatasetCatalog.Load(name, o));
        Assert.Contains($"workbench data install {name} --data-root {empty.Path}", e.Message);
        Assert.Contains($"bash data/install.sh --root {empty.Path} {scriptSet}", e.Message);
        Assert.False(DatasetCatalog.IsInstalled(name, new DataRoot(empty.Path)));
    }

    [Fact]
    public void User_folders_and_splits_give_clear_errors()
    {
        using var empty = new TempDir();
        var o = new DatasetOptions { Root = new DataRoot(empty.Path) };
        foreach (var name in new[] { "cifar10", "cub200", "cars196", "sop", "domainnet" })
            Assert.Contains("--path", Assert.Throws<DatasetNotInstalledException>(() => DatasetCatalog.Load(name, o)).Message);
        Assert.Throws<DirectoryNotFoundException>(() => DatasetCatalog.Load("office-home", o));
        Assert.Contains("no official test split", Assert.Throws<ArgumentException>(() => DatasetCatalog.Load("emoji-7", o with { Split = DatasetSplit.Test })).Message);
        Assert.Throws<InvalidOperationException>(() => DatasetCatalog.Install("cifar10", new DataRoot(empty.Path)));
    }

    [Fact]
    public void The_synthetic_set_loads_and_verifies_from_the_catalog()
    {
        var v = DatasetCatalog.Verify("synthetic");
        Assert.True(v.Ok, string.Join("; ", v.Problems));
        var small = DatasetCatalog.Load("synthetic", new DatasetOptions { ImageSize = 16, PerClassPerDomain = 2, Seed = 4 });
        Assert.Equal((60, 16), (small.Count, small.Height));
        var inverse = DatasetCatalog.Load("synthetic", new DatasetOptions { Domains = ["inverse", "solid"], PerClassPerDomain = 1 });
        Assert.Equal(new[] { 10, 0, 0, 10 }, inverse.DomainCounts());
        Assert.Throws<ArgumentException>(() => DatasetCatalog.Load("synthetic", new DatasetOptions { Domains = ["photo"] }));
    }

    [Fact]
    public void Data_root_resolves_flag_then_environment_then_default()
    {
        Assert.Equal("/tmp/x", DataRoot.Resolve("/tmp/x").Path);
        Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "d"), DataRoot.Resolve("~/d").Path);
        if (Environment.GetEnvironmentVariable(DataRoot.EnvironmentVariable) is null) Assert.True(DataRoot.Resolve().IsDefault);
    }

    [Fact]
    public void Install_script_pins_equal_the_library_pins()
    {
        var script = File.ReadAllText(Path.Combine(TestHost.RepoRoot, "data", "install.sh"));
        foreach (var (set, pins) in PackagePins.BySet)
        {
            var block = Regex.Match(script, $@"pins_{set.Replace('-', '_')}=\(\s*(.*?)\n\)", RegexOptions.Singleline);
            Assert.True(block.Success, $"install.sh has no pins_{set.Replace('-', '_')} array");
            var lines = Regex.Matches(block.Groups[1].Value, "\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();
            var expected = pins.Select(p => string.Join(" ", new[] { p.Kind, p.Name, p.Version }.Concat(p.Members))).ToArray();
            Assert.Equal(expected, lines);
        }
    }

    [Fact]
    public void Installer_unpacks_cached_archives_once_and_filters_members()
    {
        using var dir = new TempDir();
        var root = new DataRoot(dir.Path);
        Directory.CreateDirectory(root.Cache("npm"));
        using (var file = File.Create(Path.Combine(root.Cache("npm"), "fake-1.0.0.tgz")))
        using (var gz = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gz))
        {
            foreach (var (name, text) in new[] { ("package/keep/a.txt", "A"), ("package/drop.txt", "B") })
            {
                var e = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.ASCII.GetBytes(text)) };
                tar.WriteEntry(e);
            }
        }
        var pin = new PackagePin("npm", "fake", "1.0.0", "package/keep");
        var installer = new DataInstaller(root);
        var first = installer.Install([pin]);
        Assert.Single(first.Installed);
        Assert.Equal("A", File.ReadAllText(root.Npm("fake", "package/keep/a.txt")));
        Assert.False(File.Exists(root.Npm("fake", "package/drop.txt")));
        Assert.Equal("npm fake 1.0.0", File.ReadLines(Path.Combine(root.Npm("fake"), DataRoot.MarkerFile)).First());
        var second = installer.Install([pin]);
        Assert.Empty(second.Installed);
        Assert.Single(second.AlreadyInstalled);
        Assert.False(installer.IsInstalled(pin with { Version = "1.0.1" }));
    }

    [Fact]
    public void Tar_entries_that_escape_the_folder_are_refused()
    {
        using var dir = new TempDir();
        using var ms = new MemoryStream();
        using (var tar = new TarWriter(ms, leaveOpen: true))
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "../evil.txt") { DataStream = new MemoryStream([1]) });
        ms.Position = 0;
        Assert.Throws<InvalidDataException>(() => TarExtractor.Extract(ms, Path.Combine(dir.Path, "out"), []));
    }
}
