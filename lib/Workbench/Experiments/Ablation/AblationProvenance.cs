using Workbench.Experiments.Records;

namespace Workbench.Experiments.Ablation;

/// <summary>Where the runs of a collected ablation come from, in one sentence for a report page: committed records (and how they stand against this machine's run identity) or runs of the writable store.</summary>
public static class AblationProvenance
{
    /// <summary>E.g. <c>20 runs: 20 committed records (results/spq/runs), 3 of them trained with other CPU kernels or threads than here …; 0 trained in artifacts/runs.</c></summary>
    public static string Describe(AblationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var runs = result.Runs;
        var committed = runs.Where(r => r.Committed is not null).ToList();
        var parts = new List<string>();
        if (committed.Count > 0)
        {
            var folders = committed.Select(r => Path.GetDirectoryName(r.Directory)!).Distinct().Select(Relative);
            string text = $"{committed.Count} committed record(s) ({string.Join(", ", folders)}), shown as committed, nothing re-trained";
            var same = committed.Count(r => r.Committed!.Match == RecordMatch.Same);
            var other = committed.Where(r => r.Committed!.Match == RecordMatch.OtherEnvironment).ToList();
            var unknown = committed.Count(r => r.Committed!.Match == RecordMatch.Unknown);
            var detail = new List<string>();
            if (same > 0) detail.Add($"{same} with this machine's run identity");
            if (other.Count > 0)
            {
                detail.Add($"{other.Count} trained with other settings than here ({string.Join("; ", other.SelectMany(r => r.Committed!.Differences).Distinct())}), " +
                           "so a fresh run here would differ in rounding: `workbench reproduce` re-checks them within a tolerance");
            }
            if (unknown > 0) detail.Add($"{unknown} written before runs carried an identity");
            parts.Add(text + (detail.Count > 0 ? ": " + string.Join(", ", detail) : ""));
        }
        int fresh = runs.Count - committed.Count;
        if (fresh > 0) parts.Add($"{fresh} run(s) of {string.Join(", ", runs.Where(r => r.Committed is null).Select(r => Path.GetDirectoryName(r.Directory)!).Distinct().Select(Relative))}");
        return $"{runs.Count} runs: {string.Join("; ", parts)}. `workbench report --retrain` trains them all afresh in artifacts/runs.";
    }

    private static string Relative(string folder)
    {
        string? repo = Runtime.RepositoryRoot.Find(folder);
        return repo is null ? folder : Path.GetRelativePath(repo, folder);
    }
}
