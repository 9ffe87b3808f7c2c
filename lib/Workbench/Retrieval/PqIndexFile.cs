using System.Buffers.Binary;
using System.Text;

namespace Workbench.Retrieval;

/// <summary>The versioned binary format of <see cref="PqIndex"/> (see <see cref="PqIndex.Save(Stream)"/>).</summary>
internal static class PqIndexFile
{
    public const int Version = 1;
    public const int HeaderBytes = 8 + 4 * 6 + 8;
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("WBPQINDX");

    public static void Write(PqIndex index, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ProductQuantizer pq = index.Quantizer;
        var hash = new Fnv1a64();
        var header = new byte[HeaderBytes];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), Version);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), pq.SubspaceCount);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), pq.CodewordCount);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(20), pq.SubDimension);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(24), (int)index.SubDistance);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(28), 0); // reserved
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(32), index.Count);
        Emit(stream, header, ref hash);

        var books = new byte[pq.Codebooks.Length * 4];
        for (int i = 0; i < pq.Codebooks.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(books.AsSpan(i * 4), pq.Codebooks[i]);
        Emit(stream, books, ref hash);
        Emit(stream, index.GetCodes(), ref hash);

        var tail = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(tail, hash.Value);
        stream.Write(tail);
    }

    public static PqIndex Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var hash = new Fnv1a64();
        var header = new byte[HeaderBytes];
        int got = ReadFully(stream, header);
        if (got < Magic.Length || !header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException(
                $"Not a Workbench PQ index: the file does not start with 'WBPQINDX'{(got < Magic.Length ? $" (only {got} bytes)" : "")}. " +
                "Write it with PqIndex.Save (FAISS files are not read here).");
        if (got < HeaderBytes) throw new InvalidDataException($"PQ index is truncated: the header needs {HeaderBytes} bytes, found {got}.");
        hash.Append(header);
        int version = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
        if (version != Version)
            throw new InvalidDataException($"PQ index format version {version} is not supported (this build reads version {Version}); re-save it with this version of the workbench.");
        int m = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12));
        int k = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(16));
        int d = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(20));
        int metric = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(24));
        long n = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(32));
        if (m < 1 || k is < 1 or > 256 || d < 1 || (long)m * k * d > int.MaxValue / 4 || !Enum.IsDefined((PqSubDistance)metric) || n < 0 || n * m > Array.MaxLength)
            throw new InvalidDataException($"PQ index header is invalid (M = {m}, K = {k}, d = {d}, sub-distance = {metric}, N = {n}); the file is corrupted.");

        long expected = HeaderBytes + (long)m * k * d * 4 + n * m + 8;
        if (stream.CanSeek && stream.Length - stream.Position + HeaderBytes < expected)
            throw new InvalidDataException($"PQ index is truncated: M = {m}, K = {k}, d = {d}, N = {n} need {expected} bytes, found {stream.Length - stream.Position + HeaderBytes}.");
        var books = new byte[m * k * d * 4];
        var codes = new byte[n * m];
        int gotBooks = ReadFully(stream, books);
        int gotCodes = gotBooks == books.Length ? ReadFully(stream, codes) : 0;
        var tail = new byte[8];
        int gotTail = gotCodes == codes.Length ? ReadFully(stream, tail) : 0;
        if (gotBooks < books.Length || gotCodes < codes.Length || gotTail < tail.Length)
        {
            long found = HeaderBytes + gotBooks + gotCodes + gotTail;
            throw new InvalidDataException($"PQ index is truncated: M = {m}, K = {k}, d = {d}, N = {n} need {expected} bytes, found {found}.");
        }
        if (stream.ReadByte() != -1) throw new InvalidDataException($"PQ index has trailing bytes after the expected {expected}; the file is corrupted or not a single index.");
        hash.Append(books);
        hash.Append(codes);
        if (BinaryPrimitives.ReadUInt64LittleEndian(tail) != hash.Value)
            throw new InvalidDataException("PQ index checksum mismatch: the file is corrupted.");

        var floats = new float[m * k * d];
        for (int i = 0; i < floats.Length; i++) floats[i] = BinaryPrimitives.ReadSingleLittleEndian(books.AsSpan(i * 4));
        var index = new PqIndex(new ProductQuantizer(floats, m, k, d), (PqSubDistance)metric);
        index.AddCodes(codes);
        return index;
    }

    private static void Emit(Stream stream, byte[] bytes, ref Fnv1a64 hash)
    {
        hash.Append(bytes);
        stream.Write(bytes);
    }

    private static int ReadFully(Stream stream, byte[] buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = stream.Read(buffer, total, buffer.Length - total);
            if (read == 0) break;
            total += read;
        }
        return total;
    }

    private struct Fnv1a64
    {
        private ulong _h;

        public Fnv1a64() => _h = 14695981039346656037UL;

        public readonly ulong Value => _h;

        public void Append(ReadOnlySpan<byte> bytes)
        {
            ulong h = _h;
            foreach (byte b in bytes)
            {
                h ^= b;
                h *= 1099511628211UL;
            }
            _h = h;
        }
    }
}
