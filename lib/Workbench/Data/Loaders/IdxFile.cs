using System.Buffers.Binary;
using System.IO.Compression;

namespace Workbench.Data.Loaders;

/// <summary>
/// An IDX array (the MNIST / Fashion-MNIST file format), plain or gzip-compressed: a big-endian
/// header <c>00 00 08 nd</c> (type 0x08 = unsigned byte, nd dimensions), nd uint32 sizes, then the
/// bytes in row-major order.
/// </summary>
/// <param name="Dimensions">The sizes from the header, e.g. <c>[60000, 28, 28]</c>.</param>
/// <param name="Data">The payload, <c>product(Dimensions)</c> bytes.</param>
public sealed record IdxFile(int[] Dimensions, byte[] Data)
{
    /// <summary>Reads an IDX file, gunzipping it when it starts with the gzip magic (1f 8b).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">Bad magic, unsupported element type, or a truncated payload; the message names the file.</exception>
    public static IdxFile Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"IDX file not found: {path}", path);
        using var file = File.OpenRead(path);
        Stream s = file;
        var head = new byte[2];
        int got = file.Read(head, 0, 2);
        file.Position = 0;
        if (got == 2 && head[0] == 0x1f && head[1] == 0x8b) s = new GZipStream(file, CompressionMode.Decompress);
        try
        {
            return Read(s, path);
        }
        catch (InvalidDataException e) when (s is GZipStream && !e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: the gzip stream is corrupt or truncated ({e.Message}).", e);
        }
        finally
        {
            if (s != file) s.Dispose();
        }
    }

    /// <summary>Reads an (uncompressed) IDX stream; <paramref name="source"/> names it in errors.</summary>
    public static IdxFile Read(Stream stream, string source)
    {
        Span<byte> magic = stackalloc byte[4];
        if (ReadFully(stream, magic) < 4) throw new InvalidDataException($"{source}: too short for an IDX header (4 bytes).");
        if (magic[0] != 0 || magic[1] != 0)
            throw new InvalidDataException($"{source}: bad IDX magic {magic[0]:X2} {magic[1]:X2} {magic[2]:X2} {magic[3]:X2}; an IDX file starts with 00 00 <type> <dims>. Is it the right file, and fully downloaded?");
        if (magic[2] != 0x08)
            throw new InvalidDataException($"{source}: IDX element type 0x{magic[2]:X2} is not supported; only 0x08 (unsigned byte) is, as in MNIST and Fashion-MNIST.");
        int nd = magic[3];
        if (nd is < 1 or > 4) throw new InvalidDataException($"{source}: IDX with {nd} dimensions; expected 1 to 4.");
        Span<byte> dimBytes = stackalloc byte[4 * nd];
        if (ReadFully(stream, dimBytes) < dimBytes.Length) throw new InvalidDataException($"{source}: truncated IDX header ({nd} dimensions announced).");
        var dims = new int[nd];
        long total = 1;
        for (int i = 0; i < nd; i++)
        {
            uint d = BinaryPrimitives.ReadUInt32BigEndian(dimBytes[(4 * i)..]);
            if (d > int.MaxValue) throw new InvalidDataException($"{source}: dimension {i} is {d}, too large.");
            dims[i] = (int)d;
            total *= d;
        }
        if (total > Array.MaxLength) throw new InvalidDataException($"{source}: payload of {total} bytes is too large.");
        var data = new byte[total];
        int read = ReadFully(stream, data);
        if (read < total)
            throw new InvalidDataException($"{source}: truncated IDX payload: {read} of {total} bytes ({string.Join("x", dims)}). An installed dataset is repaired by `workbench data install <name>`; a copy of your own must be replaced.");
        return new IdxFile(dims, data);
    }

    private static int ReadFully(Stream s, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = s.Read(buffer[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}
