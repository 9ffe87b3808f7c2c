using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Workbench.Tests.Data;

/// <summary>Writes Level 5 MAT-files (struct arrays of strings and doubles, cell arrays of strings), plain or compressed, for the Cars196 loader tests.</summary>
internal static class MatFixture
{
    private const int MiInt8 = 1, MiUInt16 = 4, MiInt32 = 5, MiUInt32 = 6, MiDouble = 9, MiMatrix = 14, MiCompressed = 15;

    public static byte[] File(bool compress, params byte[][] variables)
    {
        var header = new byte[128];
        Encoding.ASCII.GetBytes("MATLAB 5.0 MAT-file, written by the workbench tests".PadRight(116)).CopyTo(header, 0);
        header[124] = 0x00;
        header[125] = 0x01;
        header[126] = (byte)'I';
        header[127] = (byte)'M';
        using var ms = new MemoryStream();
        ms.Write(header);
        foreach (var v in variables)
        {
            if (!compress)
            {
                ms.Write(v);
                continue;
            }
            using var z = new MemoryStream();
            using (var zs = new ZLibStream(z, CompressionLevel.Optimal, leaveOpen: true)) zs.Write(v);
            ms.Write(Tag(MiCompressed, (int)z.Length));
            ms.Write(z.ToArray());
        }
        return ms.ToArray();
    }

    public static byte[] Char(string name, string text) =>
        Matrix(4, name, [1, text.Length], Element(MiUInt16, Encoding.Unicode.GetBytes(text)));

    public static byte[] Double(string name, params double[] values)
    {
        var b = new byte[8 * values.Length];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(b.AsSpan(8 * i), values[i]);
        return Matrix(6, name, [1, values.Length], Element(MiDouble, b));
    }

    public static byte[] Cell(string name, params byte[][] items) => Matrix(1, name, [1, items.Length], [.. items.SelectMany(x => x)]);

    public static byte[] Struct(string name, string[] fields, byte[][][] elements)
    {
        const int len = 32;
        var names = new byte[len * fields.Length];
        for (int f = 0; f < fields.Length; f++) Encoding.ASCII.GetBytes(fields[f]).CopyTo(names, f * len);
        var lenEl = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(lenEl, len);
        byte[] body = [.. SmallElement(MiInt32, lenEl), .. Element(MiInt8, names), .. elements.SelectMany(e => e.SelectMany(x => x))];
        return Matrix(2, name, [1, elements.Length], body);
    }

    private static byte[] Matrix(int cls, string name, int[] dims, byte[] body)
    {
        var flags = new byte[8];
        flags[0] = (byte)cls;
        var d = new byte[4 * dims.Length];
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(d.AsSpan(4 * i), dims[i]);
        byte[] content = [.. Element(MiUInt32, flags), .. Element(MiInt32, d), .. Element(MiInt8, Encoding.ASCII.GetBytes(name)), .. body];
        return [.. Tag(MiMatrix, content.Length), .. content];
    }

    private static byte[] Element(int type, byte[] data)
    {
        int padded = (data.Length + 7) & ~7;
        var b = new byte[8 + padded];
        Tag(type, data.Length).CopyTo(b, 0);
        data.CopyTo(b, 8);
        return b;
    }

    private static byte[] SmallElement(int type, byte[] data)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(b, (uint)(data.Length << 16 | type));
        data.CopyTo(b, 4);
        return b;
    }

    private static byte[] Tag(int type, int bytes)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(b, type);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(4), bytes);
        return b;
    }
}
