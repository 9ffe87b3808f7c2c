namespace Workbench.Experiments.Records;

/// <summary>A committed run record (<see cref="RunStore.CommittedRoots"/>) shown in place of a run, and how it stands against the current identity.</summary>
/// <param name="Directory">Its folder (read-only: nothing is ever written there).</param>
/// <param name="Manifest">Its manifest.</param>
/// <param name="Match">Same experiment, other CPU kernels or threads, or recorded before identities.</param>
/// <param name="Differences">What differs from the current identity, one line each (empty unless <see cref="RecordMatch.OtherEnvironment"/>).</param>
public sealed record CommittedRecord(string Directory, RunManifest Manifest, RecordMatch Match, IReadOnlyList<string> Differences)
{
    /// <summary>A label for tables and logs: <c>committed record</c>, with what differs when it does.</summary>
    public string Describe() => Match switch
    {
        RecordMatch.Same => "committed record, same run identity as here",
        RecordMatch.OtherEnvironment => $"committed record, trained with other settings than here: {string.Join("; ", Differences)}",
        _ => "committed record, written before runs carried an identity",
    };
}
