using System.Security.Cryptography;
using System.Text;
using Workbench.Experiments;
using Workbench.Papers.Spq.Baselines;

namespace Workbench.Tests.Experiments;

/// <summary>
/// Guards every method's <see cref="IExperimentMethod.CodeVersion"/>: the hash of the sources a
/// method's runs execute (the core folders plus its own) is recorded here next to its version.
/// When the sources change the test fails: a pure refactor updates the hash only; a change of
/// behaviour bumps the method's <c>CodeVersion</c> as well, so its older records are no longer reused.
/// Comment lines, blank lines and indentation are not hashed, so documentation edits need neither.
/// </summary>
public class CodeVersionTests
{
    /// <summary>Folders under <c>lib/Workbench</c> whose code every method runs.</summary>
    private static readonly string[] Core = ["Runtime", "Data", "Imaging", "Models", "Losses", "Clustering", "Retrieval", "Metrics", "Training"];

    /// <summary>Path parts that never change what a run computes (records, tables, reports, ablation bookkeeping).</summary>
    private static readonly string[] Excluded = ["/Records/", "/Reporting/", "/Ablation/", "/Notebook/"];

    /// <summary>Per method: its own folders, its code version and the hash of its sources at that version.</summary>
    private static readonly Dictionary<string, (string[] Folders, int Version, string Hash)> Recorded = new()
    {
        ["linear-probe"] = (["Experiments/LinearProbe"], 1, "9883c274873dd4f67daa8c6a13edd1805943e88f25596e790d60ff11655ae23e"),
        ["ucdir"] = (["Papers/Ucdir"], 3, "c3472ff43f3f0b13e5554eb0ced7352f1fbd55eddd992ca3e93ced74d572d1dd"),
        ["spq"] = (["Papers/Spq"], 3, "2b4824c1dfbb5da6cee391e4ebdf5331fa521d977093b3118d4370fb9420e03b"),
        [SpqBaselineMethod.MethodName] = (["Papers/Spq/Baselines", "Papers/Spq/Evaluation"], 2, "0ae2ac63db28d6db24bddf7eb12a39867472273a463df6aff877c04f7de3b367"),
        ["pretrain"] = (["Papers/Pretraining"], 1, "7e9e09bf0bb49fdbdf3c12aea256d111edc9db7900d0c8c7a7c38ef18cb3f181"),
        ["dml"] = (["Papers/FacilityLocation"], 3, "5d297bcb6ba77e30a767ccf676f173dae6b53a0bb312677a835dccfcf8581d1c"),
    };

    public static TheoryData<string> Methods() => [.. Recorded.Keys];

    [Theory]
    [MemberData(nameof(Methods))]
    public void EachMethodsSources_MatchTheHashRecordedForItsCodeVersion(string method)
    {
        var (folders, version, hash) = Recorded[method];
        int current = ExperimentRegistry.Default.Get(method).CodeVersion;
        string now = SourceHash(folders);
        Assert.True(current == version && now == hash,
            $"{method}: its sources now hash to {now}, recorded {hash} for code version {version} (the method says {current}). " +
            $"If the change alters what a run computes, bump {method}'s CodeVersion to {version + 1}; then set its entry in CodeVersionTests.Recorded to ({current}, \"{now}\") " +
            "(a pure refactor updates the hash only).");
    }

    [Fact]
    public void EveryRegisteredMethod_HasARecordedVersion()
    {
        Assert.All(ExperimentRegistry.Default.Methods, m => Assert.True(Recorded.ContainsKey(m.Name), $"{m.Name} has no entry in CodeVersionTests.Recorded"));
    }

    /// <summary>SHA-256 over the normalised sources of the core folders and <paramref name="own"/>, in path order.</summary>
    internal static string SourceHash(IEnumerable<string> own)
    {
        string lib = Path.Combine(TestHost.RepoRoot, "lib", "Workbench");
        var files = Core.Concat(own).Distinct()
            .SelectMany(folder =>
            {
                string dir = Path.Combine(lib, folder);
                Assert.True(Directory.Exists(dir), $"lib/Workbench/{folder} no longer exists: update the folders in CodeVersionTests.");
                return Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories);
            })
            .Select(f => Path.GetRelativePath(lib, f).Replace('\\', '/'))
            .Where(f => !Excluded.Any(x => ("/" + f).Contains(x, StringComparison.Ordinal)) && !f.Contains("/bin/") && !f.Contains("/obj/"))
            .Distinct()
            .Order(StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var f in files)
        {
            text.Append("== ").Append(f).Append('\n');
            foreach (var line in File.ReadLines(Path.Combine(lib, f)))
            {
                string t = line.Trim();
                if (t.Length == 0 || t.StartsWith("//", StringComparison.Ordinal)) continue;
                text.Append(t).Append('\n');
            }
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
