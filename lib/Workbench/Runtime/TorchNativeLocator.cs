using System.Runtime.InteropServices;

namespace Workbench.Runtime;

/// <summary>
/// Finds the native libtorch and LibTorchSharp libraries: next to the host, in the host's
/// native search directories, or in the NuGet package folder (<c>$NUGET_PACKAGES</c> or
/// <c>~/.nuget/packages</c>). Never writes anywhere.
/// </summary>
public static class TorchNativeLocator
{
    /// <summary>Environment variable naming a folder that holds all native torch libraries.</summary>
    public const string NativeDirVariable = "WORKBENCH_TORCH_NATIVE_DIR";

    /// <summary>The TorchSharp version the library is built against.</summary>
    public static string TorchSharpVersion
    {
        get
        {
            var v = typeof(TorchSharp.torch).Assembly.GetName().Version ?? new Version(0, 0, 0);
            return $"{v.Major}.{v.Minor}.{v.Build}";
        }
    }

    /// <summary>Platform file name of a native library (<c>torch_cpu</c> → <c>libtorch_cpu.so</c> on Linux).</summary>
    public static string FileName(string stem) =>
        OperatingSystem.IsWindows() ? stem + ".dll"
        : OperatingSystem.IsMacOS() ? "lib" + stem + ".dylib"
        : "lib" + stem + ".so";

    /// <summary>The NuGet package root in use.</summary>
    public static string PackageRoot =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p
            ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>
    /// Candidate folders for a library, in search order: the override variable, the host's
    /// folder and its <c>runtimes/&lt;rid&gt;/native</c>, <c>NATIVE_DLL_SEARCH_DIRECTORIES</c>,
    /// then the NuGet packages named (newest version first).
    /// </summary>
    public static IEnumerable<string> CandidateDirectories(IEnumerable<string> packageIds)
    {
        if (Environment.GetEnvironmentVariable(NativeDirVariable) is { Length: > 0 } over) yield return over;
        string rid = RuntimeRid;
        foreach (var baseDir in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location) })
        {
            if (string.IsNullOrEmpty(baseDir)) continue;
            yield return baseDir;
            yield return Path.Combine(baseDir, "runtimes", rid, "native");
        }
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string dirs)
        {
            foreach (var d in dirs.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)) yield return d;
        }
        foreach (var id in packageIds)
        {
            var pkg = Path.Combine(PackageRoot, id.ToLowerInvariant());
            if (!Directory.Exists(pkg)) continue;
            foreach (var ver in Directory.GetDirectories(pkg).OrderByDescending(d => ParseVersion(Path.GetFileName(d))))
            {
                yield return Path.Combine(ver, "runtimes", rid, "native");
            }
        }
    }

    /// <summary>Returns the full path of the first existing <paramref name="fileName"/> in the candidates, or null.</summary>
    public static string? Find(string fileName, IEnumerable<string> packageIds) =>
        CandidateDirectories(packageIds).Select(d => Path.Combine(d, fileName)).FirstOrDefault(File.Exists);

    /// <summary>The runtime identifier used in package folders, e.g. <c>linux-x64</c>.</summary>
    public static string RuntimeRid
    {
        get
        {
            string os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
            string arch = RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.Arm64 => "arm64",
                Architecture.X64 => "x64",
                var a => a.ToString().ToLowerInvariant(),
            };
            return $"{os}-{arch}";
        }
    }

    private static Version ParseVersion(string s) =>
        Version.TryParse(s.Split('-')[0], out var v) ? v : new Version(0, 0);
}
