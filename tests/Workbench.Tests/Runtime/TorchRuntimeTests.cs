using System.Diagnostics;
using Workbench.Runtime;

namespace Workbench.Tests.Runtime;

public class TorchRuntimeTests
{
    [Fact]
    public void EnsureLoaded_is_idempotent_and_tensors_work()
    {
        var first = TorchRuntime.EnsureLoaded();
        var second = TorchRuntime.EnsureLoaded();
        Assert.Same(first, second);
        using var t = ones(3, 3).matmul(ones(3, 3));
        Assert.Equal(27f, t.sum().item<float>());
    }

    [Fact]
    public void Never_writes_into_the_nuget_folder()
    {
        var report = TorchRuntime.EnsureLoaded();
        foreach (var f in report.LoadedFiles.Where(f => f.Contains("LibTorchSharp", StringComparison.Ordinal)))
        {
            if (report.WeakenedVersions.Count > 0)
            {
                Assert.StartsWith(TorchRuntime.CacheDirectory, f);
            }
        }
        Assert.False(Directory.Exists(Path.Combine(TorchNativeLocator.PackageRoot, "torchsharp", TorchNativeLocator.TorchSharpVersion, "lib", "net8.0", "cpu")),
            "TorchSharp's fallback copied natives into the NuGet folder: the preload did not take effect.");
    }

    [Fact]
    public void Second_process_loads_torch_through_the_library()
    {
        // The CLI is a second host assembly that calls EnsureLoaded through Workbench.dll.
        string cli = Path.Combine(AppContext.BaseDirectory, "Workbench.Cli.dll");
        Assert.True(File.Exists(cli), cli);
        var psi = new ProcessStartInfo("dotnet", $"\"{cli}\" env --json --device cpu")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, stdout + stderr);
        Assert.Contains("\"tensorCheck\": \"ok\"", stdout);
    }

    [Fact]
    public void Patcher_weakens_only_the_missing_unrelocated_version()
    {
        string bridge = TorchNativeLocator.Find(TorchNativeLocator.FileName("LibTorchSharp"), ["torchsharp"])!;
        Assert.NotNull(bridge);
        byte[] bytes = File.ReadAllBytes(bridge);
        var needs = ElfVersionPatcher.Analyze(bytes);
        var glibcxx32 = Assert.Single(needs, n => n.Name == "GLIBCXX_3.4.32");
        Assert.False(glibcxx32.IsWeak);
        Assert.Equal(0, glibcxx32.RelocatedSymbols);
        // A version that is actually used must be refused.
        var used = needs.First(n => n.File.StartsWith("libstdc++", StringComparison.Ordinal) && n.RelocatedSymbols > 0);
        Assert.Throws<InvalidOperationException>(() => ElfVersionPatcher.Weaken(bytes.ToArray(), [used.Name]));

        var done = ElfVersionPatcher.Weaken(bytes, ["GLIBCXX_3.4.32"]);
        Assert.Equal(["GLIBCXX_3.4.32"], done);
        var after = ElfVersionPatcher.Analyze(bytes);
        Assert.True(after.Single(n => n.Name == "GLIBCXX_3.4.32").IsWeak);
        Assert.Equal(needs.Count(n => n.IsWeak) + 1, after.Count(n => n.IsWeak));
    }

    [Fact]
    public void OpenMp_waits_passively_unless_the_user_chose_otherwise()
    {
        TorchRuntime.EnsureLoaded();
        string? native = System.Runtime.InteropServices.Marshal.PtrToStringUTF8(GetEnv("OMP_WAIT_POLICY"));
        Assert.NotNull(native); // set natively, where libgomp reads it
        Assert.Equal(Environment.GetEnvironmentVariable("OMP_WAIT_POLICY"), native);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr GetEnv([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string name);

    [Fact]
    public void Patcher_rejects_a_file_that_is_not_elf()
    {
        Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.Analyze(new byte[100]));
        Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.Analyze(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F', 1, 1 }));
    }
}
