using System.Buffers.Binary;
using System.Text;
using Workbench.Retrieval;

namespace Workbench.Tests.Retrieval;

public class FaissExportTests
{
    [Theory]
    [InlineData(16, 4)]
    [InlineData(256, 8)]
    [InlineData(8, 3)]
    public void Export_writes_the_IndexPQ_layout(int k, int nbits)
    {
        const int m = 3, d = 2, n = 5;
        var books = Enumerable.Range(0, m * k * d).Select(i => i * 0.5f).ToArray();
        var index = new PqIndex(new ProductQuantizer(books, m, k, d));
        var random = new Random(k);
        byte[] codes = Enumerable.Range(0, n * m).Select(_ => (byte)random.Next(k)).ToArray();
        index.AddCodes(codes);
        string path = Path.Combine(Path.GetTempPath(), $"wb-faiss-{Guid.NewGuid():N}.faiss");
        try
        {
            index.ExportFaiss(path);
            byte[] f = File.ReadAllBytes(path);
            int o = 0;
            Assert.Equal("IxPq", Encoding.ASCII.GetString(f, 0, 4)); o += 4;
            Assert.Equal(m * d, BinaryPrimitives.ReadInt32LittleEndian(f.AsSpan(o))); o += 4;
            Assert.Equal(n, BinaryPrimitives.ReadInt64LittleEndian(f.AsSpan(o))); o += 8 + 16;
            Assert.Equal(1, f[o]); o += 1;                                                   // is_trained
            Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(f.AsSpan(o))); o += 4;    // METRIC_L2
            Assert.Equal((ulong)(m * d), BinaryPrimitives.ReadUInt64LittleEndian(f.AsSpan(o))); o += 8;
            Assert.Equal((ulong)m, BinaryPrimitives.ReadUInt64LittleEndian(f.AsSpan(o))); o += 8;
            Assert.Equal((ulong)nbits, BinaryPrimitives.ReadUInt64LittleEndian(f.AsSpan(o))); o += 8;
            Assert.Equal((ulong)books.Length, BinaryPrimitives.ReadUInt64LittleEndian(f.AsSpan(o))); o += 8;
            for (int i = 0; i < books.Length; i++, o += 4) Assert.Equal(books[i], BinaryPrimitives.ReadSingleLittleEndian(f.AsSpan(o)));
            int codeSize = (m * nbits + 7) / 8;
            Assert.Equal((ulong)(n * codeSize), BinaryPrimitives.ReadUInt64LittleEndian(f.AsSpan(o))); o += 8;
            for (int i = 0; i < n; i++)
            {
                // Unpack LSB-first bit fields and compare with the codes.
                ulong bits = 0;
                for (int b = 0; b < codeSize; b++) bits |= (ulong)f[o + i * codeSize + b] << (8 * b);
                for (int s = 0; s < m; s++) Assert.Equal(codes[i * m + s], (byte)((bits >> (s * nbits)) & ((1UL << nbits) - 1)));
            }
            o += n * codeSize;
            Assert.Equal(o + 9, f.Length); // search_type, encode_signs, polysemous_ht
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Export_refuses_what_faiss_cannot_represent()
    {
        var books = new float[2 * 5 * 2];
        var notPowerOfTwo = new PqIndex(new ProductQuantizer(books, 2, 5, 2));
        Assert.Contains("2^nbits", Assert.Throws<InvalidOperationException>(() => notPowerOfTwo.ExportFaiss("unused")).Message);
        var spq = new PqIndex(new ProductQuantizer(new float[2 * 4 * 2], 2, 4, 2), PqSubDistance.Euclidean);
        Assert.Contains("squared", Assert.Throws<InvalidOperationException>(() => spq.ExportFaiss("unused")).Message);
    }
}
