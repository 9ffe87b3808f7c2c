using System.Reflection;
using System.Runtime.InteropServices;

namespace Workbench.Runtime;

/// <summary>Facts about the machine and the software versions, for run manifests and reports.</summary>
/// <param name="Os">Operating system description.</param>
/// <param name="DotNet">.NET runtime description.</param>
/// <param name="Cores">Logical cores.</param>
/// <param name="Packages">Package name → informational version of the libraries loaded or referenced.</param>
/// <param name="GitCommit">The repository's HEAD commit, or null outside a checkout.</param>
public sealed record EnvironmentInfo(string Os, string DotNet, int Cores, IReadOnlyDictionary<string, string> Packages, string? GitCommit)
{
    private static readonly string[] TrackedAssemblies =
        ["TorchSharp", "Plotly.NET", "Plotly.NET.CSharp", "Microsoft.Data.Analysis", "StbImageSharp", "StbImageWriteSharp", "Workbench"];

    /// <summary>Reads the current process and repository.</summary>
    /// <param name="repoRoot">A folder inside the repository (default: walk up from the current directory).</param>
    public static EnvironmentInfo Capture(string? repoRoot = null)
    {
        var packages = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in TrackedAssemblies)
        {
            try
            {
                var asm = Assembly.Load(name);
                packages[name] = asm.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
                                 ?? asm.GetName().Version?.ToString() ?? "?";
            }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                // not referenced by this host
            }
        }
        return new EnvironmentInfo(RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription,
            Environment.ProcessorCount, packages, ReadGitCommit(repoRoot ?? Directory.GetCurrentDirectory()));
    }

    /// <summary>The HEAD commit of the git checkout containing <paramref name="start"/>, read from <c>.git</c> without running git.</summary>
    public static string? ReadGitCommit(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            string git = Path.Combine(dir.FullName, ".git");
            if (File.Exists(git))
            {
                string line = File.ReadAllText(git).Trim();
                if (!line.StartsWith("gitdir:", StringComparison.Ordinal)) return null;
                git = Path.GetFullPath(Path.Combine(dir.FullName, line[7..].Trim()));
            }
            if (!Directory.Exists(git)) continue;
            string head = File.ReadAllText(Path.Combine(git, "HEAD")).Trim();
            if (!head.StartsWith("ref:", StringComparison.Ordinal)) return head;
            string refName = head[4..].Trim();
            foreach (var g in new[] { git, CommonDir(git) })
            {
                string refPath = Path.Combine(g, refName);
                if (File.Exists(refPath)) return File.ReadAllText(refPath).Trim();
                string packed = Path.Combine(g, "packed-refs");
                if (File.Exists(packed))
                {
                    var hit = File.ReadLines(packed).FirstOrDefault(l => l.EndsWith(" " + refName, StringComparison.Ordinal));
                    if (hit is not null) return hit.Split(' ')[0];
                }
            }
            return null;
        }
        return null;
    }

    private static string CommonDir(string gitDir)
    {
        string common = Path.Combine(gitDir, "commondir");
        return File.Exists(common) ? Path.GetFullPath(Path.Combine(gitDir, File.ReadAllText(common).Trim())) : gitDir;
    }
}
