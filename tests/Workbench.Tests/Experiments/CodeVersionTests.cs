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
        ["linear-probe"] = (["Experiments/LinearProbe"], 1, "30dd265a55e74910e0ca74679da0819f2ca55cf7c40f08c8e02677b7675ed68c"),
        ["ucdir"] = (["Papers/Ucdir"], 3, "1b147dd49a09ea65172e2d474705a0c07fcc3ac608d278b4785b282609b50259"),
        ["spq"] = (["Papers/Spq"], 3, "4bcfe5a0357bfdb5e32d039f2d535bb404569ea8fa1638c92e814aabe0f740d1"),
        [SpqBaselineMethod.MethodName] = (["Papers/Spq/Baselines", "Papers/Spq/Evaluation"], 2, "3e87b021721f46ee4a03dca96e332a59fd8a07904fa160707ca13806eea0b4ed"),
        ["pretrain"] = (["Papers/Pretraining"], 1, "6badd63c80e6527b19b7872a3a8c82b345c18a9d5a1f4ad7c276e7cbcfbd7e62"),
        ["dml"] = (["Papers/FacilityLocation"], 3, "e27947c0f508e9a1a55f83ed607288d3d05adc5b5e2ad4fc747dfc423c71d014"),
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
