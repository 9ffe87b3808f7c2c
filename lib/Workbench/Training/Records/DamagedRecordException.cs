namespace Workbench.Training.Records;

/// <summary>
/// A run record or checkpoint whose content does not match its checksum, is truncated, or is missing
/// although the run's manifest lists it. A damaged file is named, kept for inspection, and never
/// trained from or reused.
/// </summary>
public sealed class DamagedRecordException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The damaged file.</param>
    /// <param name="reason">What is wrong, e.g. <c>checksum mismatch</c>, <c>truncated</c>, <c>missing</c>.</param>
    /// <param name="advice">What to do, appended to the message (optional).</param>
    public DamagedRecordException(string path, string reason, string? advice = null)
        : base($"{path} is damaged ({reason}); it is not used." + (advice is null ? "" : " " + advice))
    {
        FilePath = path;
        Reason = reason;
    }

    /// <summary>The damaged file.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it.</summary>
    public string Reason { get; }
}
