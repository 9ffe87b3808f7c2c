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
        ["linear-probe"] = (["Experiments/LinearProbe"], 1, "b8f045f0f9036358d6f288538fb40457daac2f0fcac11e36a019e349bb7f40ae"),
        ["ucdir"] = (["Papers/Ucdir"], 3, "0f8f9d443ab01fa51f2dba954e39387da06788c93101eb89bee4870f9a2c9d31"),
        ["spq"] = (["Papers/Spq"], 3, "9d7ac44054cdded8dae2347dfe3cf4d5c19583e5d00103da5863a11c9b5beaca"),
        [SpqBaselineMethod.MethodName] = (["Papers/Spq/Baselines", "Papers/Spq/Evaluation"], 2, "f5deba3a957da183a4ab9e8ba2a41244e3432105e9eed9b8351d0aa3176ceeba"),
        ["pretrain"] = (["Papers/Pretraining"], 1, "9313b45042b8f484fb4fea810bb51c3d67c8617ae4a67d2dce46e7356e15a92d"),
        ["dml"] = (["Papers/FacilityLocation"], 3, "7c68026577458933fcf054b2578c9fb8978a2e761f9bfc9fdeb9e0123fb31dd7"),
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
