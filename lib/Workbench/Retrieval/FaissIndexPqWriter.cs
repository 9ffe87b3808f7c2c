using System.Buffers.Binary;
using System.Text;

namespace Workbench.Retrieval;

/// <summary>
/// Writes a <see cref="PqIndex"/> in FAISS's <c>IndexPQ</c> serialization (fourcc <c>IxPq</c>, as read
/// by <c>faiss.read_index</c> 1.7): index header (d, ntotal, two dummies, is_trained, METRIC_L2),
/// the product quantizer (d, M, nbits as size_t, centroids <c>[M, K, d/M]</c>), the codes packed
/// LSB-first with nbits = log₂K bits per sub-space, then search_type, encode_signs, polysemous_ht.
/// Little-endian, as FAISS writes on x86 and ARM.
/// </summary>
internal static class FaissIndexPqWriter
{
    public static void Write(PqIndex index, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ProductQuantizer pq = index.Quantizer;
        int k = pq.CodewordCount;
        if (k < 2 || (k & (k - 1)) != 0)
            throw new InvalidOperationException($"FAISS IndexPQ needs K = 2^nbits codewords; this index has K = {k}.");
        if (index.SubDistance != PqSubDistance.Squared)
            throw new InvalidOperationException(
                "FAISS IndexPQ ranks by squared ADC distances; SPQ's sum of non-squared sub-distances has no FAISS equivalent. " +
                "Export a PqIndex with PqSubDistance.Squared over the same codes (new PqIndex(quantizer, PqSubDistance.Squared) + AddCodes(GetCodes())).");
        int nbits = int.Log2(k), m = pq.SubspaceCount;
        int codeSize = (m * nbits + 7) / 8;

        using var w = new BinaryWriter(stream, Encoding.ASCII, leaveOpen: true);
        w.Write(Encoding.ASCII.GetBytes("IxPq"));
        // Index header.
        w.Write(pq.Dimension);          // int d
        w.Write((long)index.Count);     // idx_t ntotal
        w.Write(1L << 20);              // two dummy idx_t fields
        w.Write(1L << 20);
        w.Write((byte)1);               // bool is_trained
        w.Write(1);                     // MetricType METRIC_L2
        // ProductQuantizer.
        w.Write((ulong)pq.Dimension);   // size_t d
        w.Write((ulong)m);              // size_t M
        w.Write((ulong)nbits);          // size_t nbits
        w.Write((ulong)pq.Codebooks.Length);
        foreach (float v in pq.Codebooks) w.Write(v);
        // Codes.
        byte[] codes = index.GetCodes();
        var packed = new byte[(long)index.Count * codeSize];
        for (int i = 0; i < index.Count; i++) Pack(codes.AsSpan(i * m, m), nbits, packed.AsSpan(i * codeSize, codeSize));
        w.Write((ulong)packed.LongLength);
        w.Write(packed);
        w.Write(0);                     // Search_type_t ST_PQ
        w.Write((byte)0);               // bool encode_signs
        w.Write(0);                     // int polysemous_ht
    }

    /// <summary>FAISS's PQEncoderGeneric: code m occupies bits [m·nbits, (m+1)·nbits), least significant first.</summary>
    internal static void Pack(ReadOnlySpan<byte> codes, int nbits, Span<byte> output)
    {
        output.Clear();
        int bit = 0;
        foreach (byte c in codes)
        {
            for (int b = 0; b < nbits; b++, bit++)
            {
                if (((c >> b) & 1) != 0) output[bit >> 3] |= (byte)(1 << (bit & 7));
            }
        }
    }
}
