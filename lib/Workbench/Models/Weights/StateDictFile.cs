using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Models.Weights;

/// <summary>
/// Reads and writes TorchSharp's state-dict file format, the one <c>Module.save</c> writes and
/// <c>Module.load</c> reads (and that TorchSharp's <c>exportsd.py</c> writes from a PyTorch
/// <c>state_dict()</c>): the entry count as LEB128, then per entry the key as a .NET
/// <see cref="BinaryWriter.Write(string)"/> string and the tensor (dtype and rank as LEB128,
/// each dimension as LEB128, then the raw little-endian elements). Keys keep file order.
/// </summary>
public static class StateDictFile
{
    /// <summary>Reads every entry into CPU tensors (the caller owns and disposes them).</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is truncated or not a TorchSharp state dict.</exception>
    public static List<KeyValuePair<string, Tensor>> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"State-dict file '{path}' not found. PyTorch and safetensors files are read by CheckpointFile.Read.", path);
        }
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads every entry from a stream positioned at the start of a state dict.</summary>
    public static List<KeyValuePair<string, Tensor>> Read(Stream stream, string source = "stream")
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        var entries = new List<KeyValuePair<string, Tensor>>();
        try
        {
            long count = DecodeLeb128(reader);
            if (count < 0 || count > 1_000_000) throw new InvalidDataException($"implausible entry count {count}");
            for (long i = 0; i < count; i++)
            {
                string key = reader.ReadString();
                var t = TensorExtensionMethods.Load(reader);
                entries.Add(new(key, t));
            }
            return entries;
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or ArgumentException or IOException or OverflowException)
        {
            foreach (var (_, t) in entries) t.Dispose();
            throw new InvalidDataException($"'{source}' is not a readable TorchSharp state-dict file ({e.Message}). PyTorch .pth/.pt files are read by CheckpointFile.", e);
        }
    }

    /// <summary>Writes <paramref name="entries"/> in order (tensors are copied to CPU as needed).</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> entries)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        using var stream = File.Create(path);
        Write(stream, entries);
    }

    /// <summary>Writes <paramref name="entries"/> to a stream.</summary>
    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, Tensor>> entries)
    {
        var list = entries.ToList();
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        EncodeLeb128(writer, list.Count);
        foreach (var (key, value) in list)
        {
            writer.Write(key);
            using var detached = value.detach();
            detached.Save(writer);
        }
        writer.Flush();
    }

    /// <summary>Writes a module's <c>state_dict()</c> (same bytes as <c>Module.save</c>).</summary>
    public static void Write(string path, nn.Module module) => Write(path, module.state_dict());

    private static long DecodeLeb128(BinaryReader reader)
    {
        long result = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (shift > 63) throw new InvalidDataException("LEB128 value too long");
            byte b = reader.ReadByte();
            result |= (long)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return result;
        }
    }

    private static void EncodeLeb128(BinaryWriter writer, long value)
    {
        do
        {
            byte b = (byte)(value & 0x7f);
            value >>= 7;
            writer.Write(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
    }
}
