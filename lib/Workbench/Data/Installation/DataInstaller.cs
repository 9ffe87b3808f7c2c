using System.Diagnostics;
using System.IO.Compression;
using Workbench.Data.Catalog;

namespace Workbench.Data.Installation;

/// <summary>
/// Fetches pinned packages into the data root and unpacks them, idempotently (the C# twin of
/// <c>data/install.sh</c>, same layout and markers): archives go to <c>&lt;root&gt;/cache/{apt,npm}/</c>
/// (<c>apt-get download</c> in one call for all missing .debs, <c>npm pack</c> for tarballs), trees to
/// <c>&lt;root&gt;/{apt,npm}/&lt;name&gt;/</c> with a <c>.workbench-installed</c> marker listing the SHA-256 of every
/// unpacked file (<see cref="InstalledFiles"/>). Nothing is installed system-wide. Every install re-hashes the
/// installed files: a pin whose files all match is skipped; a missing or damaged file makes the pin unpack again
/// from its cached archive, and a cached archive that cannot be unpacked is fetched again (repair).
/// </summary>
public sealed class DataInstaller
{
    private readonly DataRoot _root;
    private readonly IProgress<string>? _log;
    private bool _aptUpdated;

    /// <summary>An installer for <paramref name="root"/>, reporting steps to <paramref name="log"/>.</summary>
    public DataInstaller(DataRoot root, IProgress<string>? log = null)
    {
        _root = root;
        _log = log;
    }

    /// <summary>True when <paramref name="pin"/>'s marker is present with the same version (a quick look; <see cref="Problems"/> checks the content).</summary>
    public bool IsInstalled(PackagePin pin)
    {
        var marker = Path.Combine(Folder(pin), DataRoot.MarkerFile);
        return File.Exists(marker) && File.ReadLines(marker).FirstOrDefault() == pin.MarkerLine;
    }

    /// <summary>What is missing or damaged in <paramref name="pin"/>'s installed files (empty: installed and intact); re-hashes every file.</summary>
    public IReadOnlyList<string> Problems(PackagePin pin) => InstalledFiles.Problems(pin, Folder(pin));

    /// <summary>Installs every pin that is not installed or whose files are damaged; intact pins are left alone.</summary>
    /// <exception cref="InvalidOperationException">A download failed; the message gives the tool's output and what to try.</exception>
    public InstallReport Install(IEnumerable<PackagePin> pins)
    {
        var sw = Stopwatch.StartNew();
        var all = pins.ToList();
        var problems = all.ToDictionary(p => p, Problems);
        var done = all.Where(p => problems[p].Count == 0).ToList();
        var todo = all.Where(p => problems[p].Count > 0).ToList();
        foreach (var pin in todo.Where(IsInstalled))
        {
            _log?.Report($"repairing {pin.Spec}: {string.Join("; ", problems[pin].Take(3))}{(problems[pin].Count > 3 ? $" (and {problems[pin].Count - 3} more)" : "")}");
        }
        Fetch(todo.Where(p => !File.Exists(Archive(p))).ToList());
        var installed = new List<(PackagePin, long)>();
        foreach (var pin in todo)
        {
            var archive = Archive(pin);
            if (!File.Exists(archive))
                throw new InvalidOperationException($"Could not fetch {pin.Kind} package {pin.Spec} (is the pinned version still served? try: apt-cache policy {pin.Name} / npm view {pin.Name} versions).");
            try
            {
                Unpack(pin, archive);
            }
            catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException)
            {
                _log?.Report($"the cached {Path.GetFileName(archive)} cannot be unpacked ({e.Message}); fetching it again");
                File.Delete(archive);
                Fetch([pin]);
                Unpack(pin, archive);
            }
            long bytes = new FileInfo(archive).Length;
            File.WriteAllLines(Path.Combine(Folder(pin), DataRoot.MarkerFile), InstalledFiles.MarkerLines(pin, Folder(pin), bytes, Path.GetFileName(archive)));
            installed.Add((pin, bytes));
            _log?.Report($"unpacked {pin.Spec} ({bytes / 1e6:F1} MB)");
        }
        return new InstallReport(done, installed, sw.Elapsed);
    }

    private string Folder(PackagePin pin) => pin.Kind == "apt" ? _root.Apt(pin.Name) : _root.Npm(pin.Name);

    private string Archive(PackagePin pin) => Path.Combine(_root.Cache(pin.Kind), pin.ArchiveFileName);

    private void Fetch(IReadOnlyList<PackagePin> missing)
    {
        var apt = missing.Where(p => p.Kind == "apt").ToList();
        var npm = missing.Where(p => p.Kind == "npm").ToList();
        if (apt.Count > 0)
        {
            string dir = _root.Cache("apt");
            Directory.CreateDirectory(dir);
            _log?.Report($"apt-get download {apt.Count} package(s)");
            var r = ProcessRunner.Run("apt-get", ["download", "-qq", .. apt.Select(p => p.Spec)], dir);
            if (apt.Any(p => !File.Exists(Archive(p))) && !_aptUpdated)
            {
                UpdateAptLists(r);
                r = ProcessRunner.Run("apt-get", ["download", "-qq", .. apt.Where(p => !File.Exists(Archive(p))).Select(p => p.Spec)], dir);
            }
            var failed = apt.Where(p => !File.Exists(Archive(p))).ToList();
            if (failed.Count > 0)
                throw new InvalidOperationException($"apt-get download failed for {string.Join(", ", failed.Select(p => p.Spec))}:\n{r.Error.Trim()}");
        }
        if (npm.Count > 0)
        {
            string dir = _root.Cache("npm");
            Directory.CreateDirectory(dir);
            _log?.Report($"npm pack {string.Join(" ", npm.Select(p => p.Spec))}");
            var r = ProcessRunner.Run("npm", ["pack", "--silent", "--pack-destination", dir, .. npm.Select(p => p.Spec)], dir);
            if (r.ExitCode != 0) throw new InvalidOperationException($"npm pack failed (exit {r.ExitCode}):\n{r.Error.Trim()}");
        }
    }

    private void UpdateAptLists(ProcessRunner.Result first)
    {
        _aptUpdated = true;
        bool root = Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root";
        if (!root)
            throw new InvalidOperationException($"apt-get download failed; the package lists may be missing or stale. Run 'sudo apt-get update' and try again.\n{first.Error.Trim()}");
        _log?.Report("apt-get update");
        var u = ProcessRunner.Run("apt-get", ["update", "-qq"]);
        if (u.ExitCode != 0) throw new InvalidOperationException($"apt-get update failed (exit {u.ExitCode}):\n{u.Error.Trim()}");
    }

    private void Unpack(PackagePin pin, string archive)
    {
        string dest = Folder(pin), tmp = dest + ".tmp";
        if (Directory.Exists(tmp)) Directory.Delete(tmp, recursive: true);
        if (Directory.Exists(dest)) Directory.Delete(dest, recursive: true);
        if (pin.Kind == "npm")
        {
            using var file = File.OpenRead(archive);
            using var gz = new GZipStream(file, CompressionMode.Decompress);
            TarExtractor.Extract(gz, tmp, pin.Members);
        }
        else
        {
            using var p = ProcessRunner.Start("dpkg-deb", ["--fsys-tarfile", archive]);
            var stderr = p.StandardError.ReadToEndAsync();
            TarExtractor.Extract(p.StandardOutput.BaseStream, tmp, pin.Members);
            p.StandardOutput.BaseStream.CopyTo(Stream.Null);
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException($"dpkg-deb --fsys-tarfile {archive} failed (exit {p.ExitCode}): {stderr.GetAwaiter().GetResult().Trim()}");
        }
        Directory.Move(tmp, dest);
    }
}
