using System.Runtime.InteropServices;
using System.Text;
using Workbench.Runtime;

namespace Workbench.Training.Records;

/// <summary>
/// Writes files so readers see the old content or the new, never a torn file: the content goes to a
/// temporary file in the same folder, is flushed to disk (fsync), renamed over the target (atomic on
/// POSIX filesystems, NFS included), and the folder is flushed so the rename survives a power loss.
/// Concurrent writers of one file each write their own temporary file; the last rename wins whole.
/// </summary>
public static partial class AtomicFile
{
    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no BOM) to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, stream =>
        {
            var bytes = new UTF8Encoding(false).GetBytes(text);
            stream.Write(bytes);
        });

    /// <summary>Lets <paramref name="write"/> fill a temporary file, then renames it to <paramref name="path"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Replace(path, temp =>
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            write(stream);
            FaultInjection.Reach("write:" + Path.GetFileName(path));
            stream.Flush(flushToDisk: true);
        });
    }

    /// <summary>
    /// For writers that take a file name (e.g. a library's <c>save(path)</c>): <paramref name="writeFile"/> writes the
    /// temporary file it is given (same folder and extension as <paramref name="path"/>), which is then flushed and renamed.
    /// </summary>
    public static void WriteFile(string path, Action<string> writeFile)
    {
        ArgumentNullException.ThrowIfNull(writeFile);
        Replace(path, temp =>
        {
            writeFile(temp);
            FaultInjection.Reach("write:" + Path.GetFileName(path));
            using var stream = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            stream.Flush(flushToDisk: true);
        });
    }

    private static void Replace(string path, Action<string> fill)
    {
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        string temp = Path.Combine(dir, $".{Path.GetFileNameWithoutExtension(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp{Path.GetExtension(full)}");
        try
        {
            fill(temp);
            File.Move(temp, full, overwrite: true);
            FaultInjection.Reach("renamed:" + Path.GetFileName(full));
            SyncFolder(dir);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Deletes the temporary files that writers in other processes left in <paramref name="folder"/> and its
    /// subfolders when they were killed mid-write (a torn <c>.name.pid.guid.tmp.ext</c>, never renamed). Call it only
    /// while holding the folder's lock, so no live writer owns them. Returns the paths deleted.
    /// </summary>
    public static IReadOnlyList<string> RemoveLeftovers(string folder)
    {
        var removed = new List<string>();
        if (!Directory.Exists(folder)) return removed;
        foreach (string file in Directory.EnumerateFiles(folder, ".*.tmp*", SearchOption.AllDirectories))
        {
            var parts = Path.GetFileName(file).Split('.');
            // "", name…, pid, guid, "tmp"[, ext]
            int tmp = Array.LastIndexOf(parts, "tmp");
            if (tmp < 4 || parts[tmp - 1].Length != 32 || !int.TryParse(parts[tmp - 2], out int pid) || pid == Environment.ProcessId) continue;
            TryDelete(file);
            if (!File.Exists(file)) removed.Add(file);
        }
        return removed;
    }

    /// <summary>Flushes a folder's entries (the rename) to disk; best effort where folders cannot be opened (Windows).</summary>
    private static void SyncFolder(string dir)
    {
        if (OperatingSystem.IsWindows()) return;
        try
        {
            int fd = Open(dir, 0 /* O_RDONLY */);
            if (fd < 0) return; // some filesystems refuse to open or fsync a folder; the file itself is on disk
            _ = Fsync(fd);
            _ = Close(fd);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // no libc (not a POSIX system)
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // best effort
        }
        catch (UnauthorizedAccessException)
        {
            // best effort
        }
    }
}
