using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Workbench.Tests.Imaging;

/// <summary>
/// Writes PNG files of any colour type and bit depth for decoder tests (our own encoder, so the
/// fixtures do not depend on the decoder under test): colour type 0 grey, 2 RGB, 3 palette, 4
/// grey+alpha, 6 RGBA; depths 1/2/4/8/16 where PNG allows them; optional tRNS; filter 0 rows.
/// </summary>
internal static class PngFixture
{
    /// <summary>Encodes <paramref name="samples"/> (one int per sample, row-major, channels interleaved) as a PNG.</summary>
    public static byte[] Encode(int width, int height, int colorType, int bitDepth, int[] samples, byte[]? palette = null, byte[]? transparency = null)
    {
        int channels = colorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => throw new ArgumentException("colour type") };
        int rowBits = width * channels * bitDepth, rowBytes = (rowBits + 7) / 8;
        var raw = new byte[height * (rowBytes + 1)];
        for (int y = 0; y < height; y++)
        {
            int o = y * (rowBytes + 1) + 1; // filter byte 0 (None)
            for (int x = 0; x < width * channels; x++)
            {
                int v = samples[y * width * channels + x];
                if (bitDepth == 16)
                {
                    raw[o + 2 * x] = (byte)(v >> 8);
                    raw[o + 2 * x + 1] = (byte)v;
                }
                else if (bitDepth == 8) raw[o + x] = (byte)v;
                else
                {
                    int bit = x * bitDepth;
                    raw[o + bit / 8] |= (byte)(v << (8 - bitDepth - bit % 8));
                }
            }
        }
        using var ms = new MemoryStream();
        ms.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = (byte)bitDepth;
        ihdr[9] = (byte)colorType;
        Chunk(ms, "IHDR", ihdr);
        if (palette is not null) Chunk(ms, "PLTE", palette);
        if (transparency is not null) Chunk(ms, "tRNS", transparency);
        using (var z = new MemoryStream())
        {
            using (var zs = new ZLibStream(z, CompressionLevel.Optimal, leaveOpen: true)) zs.Write(raw);
            Chunk(ms, "IDAT", z.ToArray());
        }
        Chunk(ms, "IEND", []);
        return ms.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        s.Write(len);
        var body = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        s.Write(body);
        BinaryPrimitives.WriteUInt32BigEndian(len, Crc32(body));
        s.Write(len);
    }

    private static uint Crc32(byte[] data)
    {
        uint c = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            c ^= b;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        }
        return c ^ 0xFFFFFFFF;
    }
}
