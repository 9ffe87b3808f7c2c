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
        ["linear-probe"] = (["Experiments/LinearProbe"], 1, "fa5bafa32984beb4b31aa4d3d4dbf11b93458d5c78766d16a12e0795dbfc8b46"),
        ["ucdir"] = (["Papers/Ucdir"], 3, "6dbb4a08b975c9b0df60dc046afa71c59e60eec2ddcb52c388234c8f8bc488b9"),
        ["spq"] = (["Papers/Spq"], 3, "38c12e1160fa773186312bea62f668a041cf795d646f67a2c46c205ccc5005b9"),
        [SpqBaselineMethod.MethodName] = (["Papers/Spq/Baselines", "Papers/Spq/Evaluation"], 2, "2255d9504ace3dfad2290b5eb83cb455c788a77ff3a24125a1ea9214d20d3fc5"),
        ["pretrain"] = (["Papers/Pretraining"], 1, "d8dc0c25c5edb7b7d8ca6a56fd803436ea2c1b2aa0c5fcdb14ccbec8b3f63396"),
        ["dml"] = (["Papers/FacilityLocation"], 3, "232a60d8ab952370ba98e22519becf12159456aab20224d542463d15801d66c7"),
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
