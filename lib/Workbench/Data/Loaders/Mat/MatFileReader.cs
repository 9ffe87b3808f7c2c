using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Workbench.Data.Loaders.Mat;

/// <summary>
/// A reader for Level 5 MAT-files (MATLAB 5 to 7.2; <c>save -v7</c>, the format of <c>cars_annos.mat</c>):
/// little-endian files with compressed (zlib) or plain variables holding numeric, char, cell and
/// struct arrays. Sparse, complex, object and HDF5-based v7.3 files are rejected with a clear error.
/// </summary>
public static class MatFileReader
{
    private const int MiInt8 = 1, MiUInt8 = 2, MiInt16 = 3, MiUInt16 = 4, MiInt32 = 5, MiUInt32 = 6, MiSingle = 7, MiDouble = 9,
        MiInt64 = 12, MiUInt64 = 13, MiMatrix = 14, MiCompressed = 15, MiUtf8 = 16, MiUtf16 = 17;

    private const int ClassCell = 1, ClassStruct = 2, ClassObject = 3, ClassChar = 4, ClassSparse = 5;

    /// <summary>Reads every variable of the file at <paramref name="path"/>, by name.</summary>
    /// <exception cref="InvalidDataException">Not a little-endian Level 5 MAT-file, an unsupported array, or a truncated element; the message says which.</exception>
    public static IReadOnlyDictionary<string, MatArray> Read(string path) => Read(File.ReadAllBytes(path), path);

    /// <summary>Reads every variable of a MAT-file held in <paramref name="bytes"/>.</summary>
    public static IReadOnlyDictionary<string, MatArray> Read(byte[] bytes, string source = "MAT-file")
    {
        if (bytes.Length < 128) throw new InvalidDataException($"{source}: too short for a MAT-file header (128 bytes).");
        if (Encoding.ASCII.GetString(bytes, 0, 8).StartsWith("MATLAB 7.3", StringComparison.Ordinal) || (bytes[0] == 0x89 && bytes[1] == (byte)'H'))
            throw new InvalidDataException($"{source}: a v7.3 (HDF5) MAT-file; re-save it with save(..., '-v7').");
        if (bytes[126] != (byte)'I' || bytes[127] != (byte)'M')
            throw new InvalidDataException($"{source}: not a little-endian Level 5 MAT-file (endian mark '{(char)bytes[126]}{(char)bytes[127]}').");
        var result = new Dictionary<string, MatArray>(StringComparer.Ordinal);
        int pos = 128;
        while (pos + 8 <= bytes.Length)
        {
            var (type, data, next) = Element(bytes, pos, source);
            pos = next;
            if (type == MiCompressed)
            {
                using var z = new ZLibStream(new MemoryStream(bytes, data.Offset, data.Count), CompressionMode.Decompress);
                using var ms = new MemoryStream();
                z.CopyTo(ms);
                var inner = ms.ToArray();
                var (t2, d2, _) = Element(inner, 0, source);
                if (t2 == MiMatrix) Add(result, Matrix(inner, d2, source));
            }
            else if (type == MiMatrix) Add(result, Matrix(bytes, data, source));
        }
        return result;
    }

    private static void Add(Dictionary<string, MatArray> vars, MatArray a) => vars[a.Name] = a;

    /// <summary>Reads the tag at <paramref name="pos"/>: type, data segment, and the position of the next element.</summary>
    private static (int Type, ArraySegment<byte> Data, int Next) Element(byte[] b, int pos, string source)
    {
        if (pos + 8 > b.Length) throw new InvalidDataException($"{source}: truncated element tag at byte {pos}.");
        uint word = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(pos));
        if ((word >> 16) != 0)
        {
            int smallBytes = (int)(word >> 16);
            return ((int)(word & 0xFFFF), new ArraySegment<byte>(b, pos + 4, Math.Min(smallBytes, 4)), pos + 8);
        }
        int type = (int)word;
        int n = BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(pos + 4));
        if (n < 0 || pos + 8L + n > b.Length) throw new InvalidDataException($"{source}: element at byte {pos} announces {n} bytes, past the end of the data (truncated file?).");
        int next = pos + 8 + n;
        if (type != MiCompressed) next = pos + 8 + ((n + 7) & ~7);
        return (type, new ArraySegment<byte>(b, pos + 8, n), Math.Min(next, b.Length));
    }

    private static MatArray Matrix(byte[] b, ArraySegment<byte> seg, string source)
    {
        if (seg.Count == 0) return new MatArray(MatArray.ArrayKind.Numeric, "", [0, 0]);
        int pos = seg.Offset, end = seg.Offset + seg.Count;
        (int Type, ArraySegment<byte> Data) NextSub()
        {
            if (pos >= end) throw new InvalidDataException($"{source}: matrix element ends early.");
            var (t, d, n) = Element(b, pos, source);
            pos = n;
            return (t, d);
        }
        var flags = NextSub();
        int cls = flags.Data[0];
        bool complex = (flags.Data[1] & 0x08) != 0;
        var dimsEl = NextSub();
        var dims = Numbers(dimsEl.Type, dimsEl.Data, source).Select(d => (int)d).ToArray();
        var nameEl = NextSub();
        string name = Encoding.ASCII.GetString(nameEl.Data);
        if (cls is ClassSparse or ClassObject) throw new InvalidDataException($"{source}: variable '{name}' is a sparse or object array, which is not supported.");
        if (complex) throw new InvalidDataException($"{source}: variable '{name}' is complex, which is not supported.");
        switch (cls)
        {
            case ClassCell:
            {
                var a = new MatArray(MatArray.ArrayKind.Cell, name, dims);
                a.Items = Enumerable.Range(0, a.Count).Select(_ => { var e = NextSub(); return Matrix(b, e.Data, source); }).ToArray();
                return a;
            }
            case ClassStruct:
            {
                var a = new MatArray(MatArray.ArrayKind.Struct, name, dims);
                var lenEl = NextSub();
                int len = (int)Numbers(lenEl.Type, lenEl.Data, source)[0];
                var namesEl = NextSub();
                int nf = len == 0 ? 0 : namesEl.Data.Count / len;
                a.FieldNames = Enumerable.Range(0, nf).Select(i => Encoding.ASCII.GetString(namesEl.Data.AsSpan(i * len, len)).TrimEnd('\0')).ToArray();
                a.Elements = Enumerable.Range(0, a.Count).Select(_ => Enumerable.Range(0, nf).Select(_ => { var e = NextSub(); return Matrix(b, e.Data, source); }).ToArray()).ToArray();
                return a;
            }
            case ClassChar:
            {
                var a = new MatArray(MatArray.ArrayKind.Char, name, dims);
                var data = NextSub();
                string text = data.Type switch
                {
                    MiUtf8 or MiUInt8 or MiInt8 => Encoding.UTF8.GetString(data.Data),
                    MiUtf16 or MiUInt16 => Encoding.Unicode.GetString(data.Data),
                    _ => new string(Numbers(data.Type, data.Data, source).Select(x => (char)x).ToArray()),
                };
                // Column-major char matrix: rows are strings; a 1xN char array is one string.
                a.Text = dims.Length == 2 && dims[0] > 1 ? string.Join("\n", Enumerable.Range(0, dims[0]).Select(r => new string(Enumerable.Range(0, dims[1]).Select(c => text[c * dims[0] + r]).ToArray()))) : text;
                return a;
            }
            default:
            {
                var a = new MatArray(MatArray.ArrayKind.Numeric, name, dims);
                if (a.Count > 0)
                {
                    var data = NextSub();
                    a.Numbers = Numbers(data.Type, data.Data, source);
                }
                return a;
            }
        }
    }

    private static double[] Numbers(int type, ArraySegment<byte> d, string source)
    {
        var s = d.AsSpan();
        return type switch
        {
            MiInt8 => s.ToArray().Select(x => (double)(sbyte)x).ToArray(),
            MiUInt8 => s.ToArray().Select(x => (double)x).ToArray(),
            MiInt16 => Read(s, 2, p => BinaryPrimitives.ReadInt16LittleEndian(p)),
            MiUInt16 => Read(s, 2, p => BinaryPrimitives.ReadUInt16LittleEndian(p)),
            MiInt32 => Read(s, 4, p => BinaryPrimitives.ReadInt32LittleEndian(p)),
            MiUInt32 => Read(s, 4, p => BinaryPrimitives.ReadUInt32LittleEndian(p)),
            MiSingle => Read(s, 4, p => BinaryPrimitives.ReadSingleLittleEndian(p)),
            MiDouble => Read(s, 8, p => BinaryPrimitives.ReadDoubleLittleEndian(p)),
            MiInt64 => Read(s, 8, p => BinaryPrimitives.ReadInt64LittleEndian(p)),
            MiUInt64 => Read(s, 8, p => BinaryPrimitives.ReadUInt64LittleEndian(p)),
            _ => throw new InvalidDataException($"{source}: unsupported MAT data type {type}."),
        };
    }

    private delegate double Decode(ReadOnlySpan<byte> p);

    private static double[] Read(ReadOnlySpan<byte> s, int size, Decode decode)
    {
        var r = new double[s.Length / size];
        for (int i = 0; i < r.Length; i++) r[i] = decode(s.Slice(i * size, size));
        return r;
    }
}
