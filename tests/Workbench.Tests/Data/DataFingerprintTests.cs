using Workbench.Data;
using Workbench.Data.Catalog;

namespace Workbench.Tests.Data;

public class DataFingerprintTests
{
    /// <summary>An MNIST-style folder of 1x1 images: <paramref name="train"/> + <paramref name="test"/> images, labels k mod 10.</summary>
    private static void WriteDigits(TempDir dir, int train, int test)
    {
        byte[] Labels(int n) => Enumerable.Range(0, n).Select(k => (byte)(k % 10)).ToArray();
        byte[] Pixels(int n) => Enumerable.Range(0, n).Select(k => (byte)(k * 7)).ToArray();
        dir.Write("train-images-idx3-ubyte", IdxAndDigitLoaderTests.Idx(8, [train, 1, 1], Pixels(train)));
        dir.Write("train-labels-idx1-ubyte", IdxAndDigitLoaderTests.Idx(8, [train], Labels(train)));
        dir.Write("t10k-images-idx3-ubyte", IdxAndDigitLoaderTests.Idx(8, [test, 1, 1], Pixels(test)));
        dir.Write("t10k-labels-idx1-ubyte", IdxAndDigitLoaderTests.Idx(8, [test], Labels(test)));
    }

    [Fact]
    public void Fingerprint_IsComputedOnce_WithSplitCounts_AndStaysEqualWhileTheFilesDo()
    {
        using var root = new TempDir();
        using var data = new TempDir();
        WriteDigits(data, 60_000, 10_000);
        var use = new DatasetUse("mnist", data.Path);
        var first = DataFingerprints.Of(use, new DataRoot(root.Path));
        Assert.Equal(4, first.Files);
        Assert.Matches("^[0-9a-f]{64}$", first.ContentHash);
        Assert.Equal([new SplitCount("all", 70_000, 10), new SplitCount("train", 60_000, 10), new SplitCount("test", 10_000, 10)], first.Splits);
        string stored = Assert.Single(Directory.GetFiles(Path.Combine(root.Path, DataFingerprints.FolderName)));
        Assert.Equal(first, DataFingerprints.Of(use, new DataRoot(root.Path)));
        Assert.Equal(first, DataFingerprints.Check(use, new DataRoot(root.Path)));
        Assert.True(File.Exists(stored));
    }

    [Fact]
    public void InstallMarkers_AreNoPartOfTheFingerprint_SoARepairThatRewritesThemChangesNothing()
    {
        using var root = new TempDir();
        using var data = new TempDir();
        WriteDigits(data, 60_000, 10_000);
        var use = new DatasetUse("mnist", data.Path);
        var first = DataFingerprints.Of(use, new DataRoot(root.Path));
        data.Write(".workbench-installed", "sha256 list, rewritten by every install or repair");
        data.Write(".verified", "an older marker");
        Assert.Equal(first, DataFingerprints.Check(use, new DataRoot(root.Path)));
        // a dotfile below the top is data like any other
        Directory.CreateDirectory(Path.Combine(data.Path, "more"));
        File.WriteAllText(Path.Combine(data.Path, "more", ".workbench-installed"), "x");
        Assert.Throws<InvalidDataException>(() => DataFingerprints.Check(use, new DataRoot(root.Path)));
    }

    [Fact]
    public void ChangedFiles_AreRefusedAtLoad_WithWhatDiffersAndTheFix()
    {
        using var root = new TempDir();
        using var data = new TempDir();
        WriteDigits(data, 60_000, 10_000);
        var use = new DatasetUse("mnist", data.Path);
        DataFingerprints.Of(use, new DataRoot(root.Path));
        // half of the test images gone (the labels file still says 10,000): the byte total changes
        data.Write("t10k-images-idx3-ubyte", IdxAndDigitLoaderTests.Idx(8, [5_000, 1, 1], new byte[5_000]));
        var e = Assert.Throws<InvalidDataException>(() => DatasetCatalog.Load("mnist", new DatasetOptions { Root = new DataRoot(root.Path), Path = data.Path }));
        Assert.Contains("changed since it was fingerprinted", e.Message);
        Assert.Contains("4 files / 135048 bytes now, 4 files / 140048 bytes recorded", e.Message);
        Assert.Contains("delete", e.Message);
        Assert.Throws<InvalidDataException>(() => DataFingerprints.Of(use, new DataRoot(root.Path)));
    }

    [Fact]
    public void DataFailingItsVerifiedCounts_IsRefused_AndNothingIsStored()
    {
        using var root = new TempDir();
        using var data = new TempDir();
        WriteDigits(data, 600, 100);
        var e = Assert.Throws<InvalidDataException>(() => DataFingerprints.Of(new DatasetUse("mnist", data.Path), new DataRoot(root.Path)));
        Assert.Contains("fails its verified counts", e.Message);
        Assert.Contains("images: 700, expected 70000", e.Message);
        Assert.False(Directory.Exists(Path.Combine(root.Path, DataFingerprints.FolderName)));
    }

    [Fact]
    public void BuiltinData_HasAFixedFingerprint()
    {
        var f = DataFingerprints.Of(new DatasetUse("synthetic"));
        Assert.Equal(("synthetic", "builtin", 0L), (f.Dataset, f.ContentHash, f.Files));
        Assert.Equal([new SplitCount("all", 1920, 10)], f.Splits);
    }
}
