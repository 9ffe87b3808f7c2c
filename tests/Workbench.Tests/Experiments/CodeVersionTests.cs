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
        ["linear-probe"] = (["Experiments/LinearProbe"], 1, "488da224ae222f167244d568d6815cfbc42b7c9a84a14b9a3f4194b1bfb8ae0f"),
        ["ucdir"] = (["Papers/Ucdir"], 3, "1ad33337b54148e35ed089a23d1f4a97f59b3846f71c640ef2f17632f9439259"),
        ["spq"] = (["Papers/Spq"], 3, "8aa60782d7a130cff95230f50f2e0b747e27488ded67c1cb28eb3345670e0356"),
        [SpqBaselineMethod.MethodName] = (["Papers/Spq/Baselines", "Papers/Spq/Evaluation"], 2, "2430d3c39da7461991ab682fcfe94569431d06959c0401dc11a65d2c147bf526"),
        ["pretrain"] = (["Papers/Pretraining"], 1, "227700058cf9f6f4f3264fc4b6284e0c80f91f34e3c71afb73e6aa9117a6f008"),
        ["dml"] = (["Papers/FacilityLocation"], 3, "0324651b36b2b7f72ba75b35bd10adf97d9d613e6472c255c0b6c9235bebdd6e"),
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
