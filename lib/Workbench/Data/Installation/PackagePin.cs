namespace Workbench.Data.Installation;

/// <summary>A package fetched at a pinned version: an apt .deb (<c>apt-get download</c>) or an npm tarball (<c>npm pack</c>).</summary>
/// <param name="Kind"><c>apt</c> or <c>npm</c>.</param>
/// <param name="Name">Package name.</param>
/// <param name="Version">Exact version (apt versions may carry an epoch, e.g. <c>1:0.5.1-3</c>).</param>
/// <param name="Members">Paths inside the archive to unpack (a folder means everything under it); empty = all.</param>
public sealed record PackagePin(string Kind, string Name, string Version, params string[] Members)
{
    /// <summary>The archive's file name in the cache: <c>name_version_all.deb</c> (':' written <c>%3a</c>) or <c>name-version.tgz</c>.</summary>
    public string ArchiveFileName => Kind == "apt" ? $"{Name}_{Version.Replace(":", "%3a", StringComparison.Ordinal)}_all.deb" : $"{Name}-{Version}.tgz";

    /// <summary>The first line of the install marker: <c>kind name version</c>.</summary>
    public string MarkerLine => $"{Kind} {Name} {Version}";

    /// <summary>How <c>apt-get download</c> / <c>npm pack</c> names this pin.</summary>
    public string Spec => Kind == "apt" ? $"{Name}={Version}" : $"{Name}@{Version}";
}
