using System.Runtime.InteropServices;
using System.Text;

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
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        string temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
            SyncFolder(dir);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
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
