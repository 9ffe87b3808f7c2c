using System.Runtime.CompilerServices;

namespace Workbench.Retrieval;

/// <summary>
/// Bounded top-k of the smallest (distance, id) pairs for a scan that offers ids in ascending
/// order. Candidates below <see cref="Threshold"/> are appended to a buffer of 2k packed keys; when
/// it fills, a quickselect keeps the k best and the k-th distance becomes the new threshold. Each
/// candidate costs O(1) amortised (a binary heap costs O(log k) per replacement), which matters
/// because early in a scan most items beat the threshold.
/// </summary>
/// <remarks>
/// A key packs an order-preserving image of the float distance (<see cref="OrderedBits"/>: the sign
/// bit flipped for non-negative values, every bit flipped for negative ones) above the id, so
/// unsigned key order is exactly "distance, then id" — the ranking's tie policy — for any finite
/// distance; −0 is stored as +0, so the two tie.
/// </remarks>
internal sealed class TopKReservoir
{
    private readonly ulong[] _keys;
    private ulong[]? _sortScratch;
    private int _count;

    public TopKReservoir(int capacity)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Top-k needs k ≥ 1.");
        Capacity = capacity;
        _keys = new ulong[Math.Max(2 * capacity, capacity + 64)];
        Clear();
    }

    /// <summary>k.</summary>
    public int Capacity { get; }

    /// <summary>A candidate must be strictly below this distance to enter (+∞ until k candidates were kept).</summary>
    public float Threshold { get; private set; }

    public void Clear()
    {
        _count = 0;
        Threshold = float.PositiveInfinity;
    }

    /// <summary>
    /// Offers a candidate (one not below <see cref="Threshold"/> is dropped at the next compaction).
    /// A scan offering ids in ascending order may skip candidates not strictly below
    /// <see cref="Threshold"/>; one offering in any order must also offer those equal to it (a
    /// lower id wins the tie), since selection is by (distance, id) either way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(float distance, int id)
    {
        if (_count == _keys.Length) Compact();
        _keys[_count++] = Key(distance, id);
    }

    /// <summary>Writes the k best (or all, if fewer) best first and empties the reservoir; returns how many.</summary>
    public int DrainSorted(Span<int> ids, Span<float> distances)
    {
        if (_count > Capacity) Select(_keys.AsSpan(0, _count), Capacity);
        int n = Math.Min(_count, Capacity);
        Span<ulong> best = _keys.AsSpan(0, n);
        if (n < 256) best.Sort();
        else RadixSort(best, _sortScratch ??= new ulong[Capacity]);
        for (int i = 0; i < n; i++)
        {
            ids[i] = (int)(uint)best[i];
            distances[i] = FromOrderedBits((uint)(best[i] >> 32));
        }
        Clear();
        return n;
    }

    private void Compact()
    {
        Select(_keys.AsSpan(0, _count), Capacity);
        _count = Capacity;
        Threshold = FromOrderedBits((uint)(_keys[Capacity - 1] >> 32));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Key(float distance, int id) => ((ulong)OrderedBits(distance) << 32) | (uint)id;

    /// <summary>Unsigned bits whose order is the float order of finite values (−0 maps like +0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint OrderedBits(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value + 0f);
        return (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
    }

    /// <summary>The inverse of <see cref="OrderedBits"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float FromOrderedBits(uint key) =>
        BitConverter.UInt32BitsToSingle((key & 0x8000_0000u) != 0 ? key & 0x7FFF_FFFFu : ~key);

    /// <summary>
    /// LSD radix sort of 64-bit keys, 8 bits per pass; a pass whose byte is the same in every key is
    /// skipped (the high id bytes usually are), so k = 1000 keys take a few linear passes instead of
    /// a comparison sort's ~10 k compares.
    /// </summary>
    internal static void RadixSort(Span<ulong> keys, Span<ulong> scratch)
    {
        Span<int> counts = stackalloc int[256];
        Span<ulong> from = keys, to = scratch[..keys.Length];
        for (int shift = 0; shift < 64; shift += 8)
        {
            counts.Clear();
            foreach (ulong key in from) counts[(int)(key >> shift) & 0xFF]++;
            if (counts[(int)(from[0] >> shift) & 0xFF] == from.Length) continue;
            int sum = 0;
            for (int b = 0; b < 256; b++)
            {
                int c = counts[b];
                counts[b] = sum;
                sum += c;
            }
            foreach (ulong key in from) to[counts[(int)(key >> shift) & 0xFF]++] = key;
            Span<ulong> swap = from;
            from = to;
            to = swap;
        }
        if (from != keys) from.CopyTo(keys);
    }

    /// <summary>
    /// Quickselect: afterwards keys[0..k) are the k smallest and keys[k − 1] is the k-th smallest.
    /// Median-of-three pivot and a branch-free Lomuto partition (the compare result moves the
    /// boundary instead of a branch, which random keys would mispredict half the time).
    /// </summary>
    internal static unsafe void Select(Span<ulong> keys, int k)
    {
        fixed (ulong* a = keys)
        {
            int lo = 0, hi = keys.Length - 1, target = k - 1;
            while (hi - lo >= 16)
            {
                int mid = lo + ((hi - lo) >> 1);
                if (a[mid] < a[lo]) (a[mid], a[lo]) = (a[lo], a[mid]);
                if (a[hi] < a[lo]) (a[hi], a[lo]) = (a[lo], a[hi]);
                if (a[hi] < a[mid]) (a[hi], a[mid]) = (a[mid], a[hi]);
                (a[mid], a[hi]) = (a[hi], a[mid]); // pivot (the median) to the end
                ulong pivot = a[hi];
                int store = lo;
                for (int i = lo; i < hi; i++)
                {
                    ulong v = a[i];
                    a[i] = a[store];
                    a[store] = v;
                    store += v < pivot ? 1 : 0;
                }
                (a[store], a[hi]) = (a[hi], a[store]);
                if (target == store) return;
                if (target < store) hi = store - 1;
                else lo = store + 1;
            }
            // Insertion sort of the last small range.
            for (int i = lo + 1; i <= hi; i++)
            {
                ulong v = a[i];
                int j = i - 1;
                while (j >= lo && a[j] > v)
                {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
        }
    }
}
