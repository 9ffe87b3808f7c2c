using System.Text;
using System.Text.RegularExpressions;

namespace Workbench.Runtime;

/// <summary>Tells which <c>GLIBCXX_*</c> and <c>CXXABI_*</c> symbol versions the process's libstdc++ defines.</summary>
public static partial class LibStdCxxProbe
{
    private static readonly string[] KnownLocations =
    [
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6",
        "/usr/lib/libstdc++.so.6",
        "/lib/x86_64-linux-gnu/libstdc++.so.6",
    ];

    /// <summary>The libstdc++ mapped into this process (from <c>/proc/self/maps</c>), else the system one, else null.</summary>
    public static string? LibraryPath
    {
        get
        {
            try
            {
                foreach (var line in File.ReadLines("/proc/self/maps"))
                {
                    int i = line.IndexOf('/');
                    if (i >= 0 && line.Contains("libstdc++.so", StringComparison.Ordinal)) return line[i..].Trim();
                }
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            return KnownLocations.FirstOrDefault(File.Exists);
        }
    }

    /// <summary>Every <c>GLIBCXX_x.y.z</c> and <c>CXXABI_x.y.z</c> version the library at <paramref name="path"/> defines.</summary>
    public static IReadOnlySet<string> DefinedVersions(string path)
    {
        var text = Encoding.Latin1.GetString(File.ReadAllBytes(path));
        return VersionPattern().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"(GLIBCXX|CXXABI)_\d+\.\d+(\.\d+)?(?=\0)")]
    private static partial Regex VersionPattern();
}
