namespace Workbench.Data.Installation;

/// <summary>What an install did: packages already present, packages fetched (with archive sizes), and the time taken.</summary>
/// <param name="AlreadyInstalled">Pins whose marker matched (nothing done).</param>
/// <param name="Installed">Pins unpacked now, with the archive size in bytes.</param>
/// <param name="Elapsed">Wall time of the install.</param>
public sealed record InstallReport(IReadOnlyList<PackagePin> AlreadyInstalled, IReadOnlyList<(PackagePin Pin, long ArchiveBytes)> Installed, TimeSpan Elapsed)
{
    /// <summary>Total bytes of the archives unpacked now.</summary>
    public long FetchedBytes => Installed.Sum(i => i.ArchiveBytes);
}
