using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Workbench.Runtime;

/// <summary>
/// Makes TorchSharp's native libraries load in every host: tests, the CLI, the notebook runner
/// and any process that references <c>Workbench.dll</c> by path.
/// </summary>
/// <remarks>
/// <para>TorchSharp 0.107.0's <c>libLibTorchSharp.so</c> requires <c>GLIBCXX_3.4.32</c>, which Debian 12
/// and Ubuntu 22.04 lack, for a single symbol it never relocates. Where the process's libstdc++
/// lacks a required version, a private copy of the library is written to
/// <c>$XDG_CACHE_HOME/workbench/torchsharp-native/&lt;sha256 of the original&gt;/</c> with that requirement
/// marked weak (<see cref="ElfVersionPatcher"/>), and preloaded after <c>libtorch_cpu</c> and
/// <c>libtorch</c>; TorchSharp's own <c>dlopen</c> then matches it by SONAME. The NuGet folder is
/// never written. Where libstdc++ is new enough, the original file is preloaded unchanged.</para>
/// <para>Idempotent and thread-safe. <c>Workbench.dll</c> also calls it when TorchSharp's assembly
/// loads, so most hosts never call it by hand.</para>
/// </remarks>
public static partial class TorchRuntime
{
    private static readonly object Gate = new();
    private static TorchLoadReport? _report;
    private static bool _loading;

    /// <summary>True while <see cref="EnsureLoaded"/> is running (it touches TorchSharp's assembly itself).</summary>
    internal static bool IsLoading => _loading;

    /// <summary>Environment variable that overrides the cache folder of the patched library.</summary>
    public const string CacheDirVariable = "WORKBENCH_CACHE_DIR";

    /// <summary>The report of the first call, or null when nothing has been loaded yet.</summary>
    public static TorchLoadReport? Report => _report;

    /// <summary>Loads the native libraries once; later calls return the first report.</summary>
    /// <exception cref="TorchRuntimeException">The libraries were not found or could not be loaded; the message says what to do.</exception>
    public static TorchLoadReport EnsureLoaded()
    {
        if (_report is { } r) return r;
        lock (Gate)
        {
            if (_report is { } again) return again;
            _loading = true;
            try
            {
                return _report = Load();
            }
            finally
            {
                _loading = false;
            }
        }
    }

    /// <summary>Folder of the private patched copies.</summary>
    public static string CacheDirectory =>
        Environment.GetEnvironmentVariable(CacheDirVariable) is { Length: > 0 } c ? c
        : Path.Combine(
            Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } x ? x
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
            "workbench");

    // With the CUDA backend the natives are copied next to the host (they are split over several
    // packages), so the host folder, searched first, is where they are found.
    private static readonly string[] TorchPackages = ["libtorch-cpu-linux-x64", "libtorch-cpu-osx-arm64", "libtorch-cpu-win-x64"];
    private static readonly string[] TorchSharpPackages = ["torchsharp"];

    private static TorchLoadReport Load()
    {
        var sw = Stopwatch.StartNew();
        if (IsMapped("libLibTorchSharp") || IsMapped("LibTorchSharp.dll"))
            return new TorchLoadReport("already-loaded", LibStdCxxProbe.LibraryPath, [], [], sw.Elapsed.TotalMilliseconds);

        string? torchCpu = TorchNativeLocator.Find(TorchNativeLocator.FileName("torch_cpu"), TorchPackages);
        string? bridge = TorchNativeLocator.Find(TorchNativeLocator.FileName("LibTorchSharp"), TorchSharpPackages);
        if (torchCpu is null || bridge is null)
        {
            if (!OperatingSystem.IsLinux())
                return new TorchLoadReport("left-to-torchsharp", null, [], [], sw.Elapsed.TotalMilliseconds);
            throw new TorchRuntimeException(
                $"TorchSharp's native libraries were not found ({(torchCpu is null ? "libtorch_cpu" : "libLibTorchSharp")} is missing). " +
                $"Run `dotnet restore Workbench.sln`: it brings the NuGet packages libtorch-cpu-linux-x64 and TorchSharp {TorchNativeLocator.TorchSharpVersion} " +
                $"into {TorchNativeLocator.PackageRoot}. Or point {TorchNativeLocator.NativeDirVariable} at a folder holding libtorch_cpu.so, libtorch.so and libLibTorchSharp.so.");
        }

        PreferPassiveOpenMpWaiting();
        var loaded = new List<string>();
        var weakened = new List<string>();
        string? libstdcxx = OperatingSystem.IsLinux() ? LibStdCxxProbe.LibraryPath : null;
        string bridgeToLoad = bridge;
        if (libstdcxx is not null)
        {
            bridgeToLoad = PatchedBridge(bridge, libstdcxx, weakened);
        }

        string dir = Path.GetDirectoryName(torchCpu)!;
        foreach (var file in new[] { torchCpu, Path.Combine(dir, TorchNativeLocator.FileName("torch")), bridgeToLoad })
        {
            if (!File.Exists(file)) continue;
            try
            {
                NativeLibrary.Load(file);
                loaded.Add(file);
            }
            catch (DllNotFoundException e)
            {
                throw new TorchRuntimeException($"Loading {file} failed: {e.Message}", e);
            }
        }
        string action = weakened.Count > 0 ? "preloaded-patched" : "preloaded";
        return new TorchLoadReport(action, libstdcxx, weakened, loaded, sw.Elapsed.TotalMilliseconds);
    }

    /// <summary>Returns the bridge library to load: the original, or a cached copy with missing versions weakened.</summary>
    private static string PatchedBridge(string bridge, string libstdcxx, List<string> weakened)
    {
        byte[] bytes = File.ReadAllBytes(bridge);
        var defined = LibStdCxxProbe.DefinedVersions(libstdcxx);
        var missing = ElfVersionPatcher.Analyze(bytes)
            .Where(n => n.File.StartsWith("libstdc++", StringComparison.Ordinal) && !n.IsWeak && !defined.Contains(n.Name))
            .Select(n => n.Name)
            .Distinct()
            .ToList();
        if (missing.Count == 0) return bridge;

        string hash = Convert.ToHexString(SHA256.HashData(bytes))[..16].ToLowerInvariant();
        string target = Path.Combine(CacheDirectory, "torchsharp-native", hash, Path.GetFileName(bridge));
        try
        {
            weakened.AddRange(ElfVersionPatcher.Weaken(bytes, missing));
        }
        catch (InvalidOperationException e)
        {
            throw new TorchRuntimeException($"{bridge} needs {string.Join(", ", missing)} from libstdc++ ({libstdcxx}): {e.Message}", e);
        }
        if (File.Exists(target) && new FileInfo(target).Length == bytes.Length) return target;

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        string temp = target + "." + Environment.ProcessId + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, target, overwrite: true);
        return target;
    }

    /// <summary>Environment variable naming libgomp's wait policy; see <see cref="PreferPassiveOpenMpWaiting"/>.</summary>
    public const string OpenMpWaitPolicyVariable = "OMP_WAIT_POLICY";

    /// <summary>
    /// Sets <c>OMP_WAIT_POLICY=PASSIVE</c> in the native environment before libtorch (and its libgomp)
    /// loads, unless the user has set it. libgomp's default busy-waiting makes TorchSharp 50 to 160
    /// times slower when the cores are oversubscribed (parallel tests, several runs, a shared
    /// machine: measured 7.2 s vs 44 ms for 12 small training steps); passive waiting costs little
    /// on an idle machine. Set <c>OMP_WAIT_POLICY=ACTIVE</c> to opt out.
    /// </summary>
    private static void PreferPassiveOpenMpWaiting()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(OpenMpWaitPolicyVariable) is { Length: > 0 }) return;
        Environment.SetEnvironmentVariable(OpenMpWaitPolicyVariable, "PASSIVE"); // child processes
        try
        {
            _ = NativeSetEnv(OpenMpWaitPolicyVariable, "PASSIVE", 0); // this process's libgomp reads the C environment
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // not glibc: libgomp keeps its default
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeSetEnv(string name, string value, int overwrite);

    private static bool IsMapped(string name)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return File.ReadLines("/proc/self/maps").Any(l => l.Contains(name, StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
    }
}
