using System.Runtime.CompilerServices;

namespace Workbench.Retrieval;

/// <summary>
/// The first pass of the exact 4-bit fast scan (<see cref="PqFastScan"/>): keeps every item whose
/// quantized ADC sum q is at most Q_k + slack, where Q_k is the k-th smallest quantized sum seen so
/// far, as packed keys (q above the id). Pushing is a store; when the buffer fills, a quickselect
/// finds Q_k and a linear pass drops the items above Q_k + slack, so the compare limit only falls.
/// </summary>
/// <remarks>
/// Why the kept set contains the exact top-k: every quantized sum is within <c>slack / 2</c> quanta
/// of its exact distance (in units of Δ, after the per-query offset), so the k items with the
/// smallest q have exact distances ≤ (Q_k + slack/2)·Δ + offset, which bounds the exact k-th
/// distance; an item of the exact top-k then has q ≤ Q_k + slack. Q_k over a prefix of the scan is
/// never below the final Q_k, so the running filter keeps a superset.
/// </remarks>
internal sealed class QuantizedCandidates
{
    private ulong[] _keys;
    private int _count;

    /// <summary>Creates a buffer for a top-<paramref name="k"/> scan.</summary>
    public QuantizedCandidates(int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "Top-k needs k ≥ 1.");
        K = k;
        _keys = new ulong[Math.Max(4 * k, 256)];
        Reset(0);
    }

    private QuantizedCandidates? _sample;

    /// <summary>A second buffer for a top-<paramref name="k"/> pass over a sample of the items, kept for reuse.</summary>
    public QuantizedCandidates Sample(int k) => _sample is { } s && s.K == k ? s : _sample = new QuantizedCandidates(k);

    /// <summary>k.</summary>
    public int K { get; }

    /// <summary>Quanta above Q_k an item may lie and still be kept.</summary>
    public int Slack { get; private set; }

    /// <summary>Strict compare limit: an item may be kept only if its quantized sum is below this (short.MaxValue until k items were seen).</summary>
    public short Limit { get; private set; }

    /// <summary>The k-th smallest quantized sum kept at the last compaction (int.MaxValue while fewer than k items were kept).</summary>
    public int KthSum { get; private set; }

    /// <summary>
    /// Empties the buffer for the next query with its own <paramref name="slack"/>; items at or above
    /// <paramref name="limit"/> are not wanted from the start (a guess the caller must verify, see <see cref="PqFastScan"/>).
    /// </summary>
    public void Reset(int slack, short limit = short.MaxValue)
    {
        _count = 0;
        Slack = slack;
        Limit = limit;
        KthSum = int.MaxValue;
    }

    /// <summary>Keeps an item; returns true when the buffer was compacted (the limit may have fallen).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Add(int quantized, int id)
    {
        _keys[_count++] = ((ulong)(uint)quantized << 32) | (uint)id;
        if (_count < _keys.Length) return false;
        Compact();
        return true;
    }

    /// <summary>Compacts one last time and returns the kept keys (quantized sum in the high 32 bits, id in the low ones), in no particular order.</summary>
    public ReadOnlySpan<ulong> Finish()
    {
        Compact();
        return _keys.AsSpan(0, _count);
    }

    private void Compact()
    {
        if (_count >= K)
        {
            Span<ulong> keys = _keys.AsSpan(0, _count);
            TopKReservoir.Select(keys, K);
            KthSum = (int)(keys[K - 1] >> 32);
            long keep = (long)KthSum + Slack;
            int kept = K;
            for (int i = K; i < keys.Length; i++)
            {
                ulong key = keys[i];
                keys[kept] = key;
                kept += (long)(key >> 32) <= keep ? 1 : 0;
            }
            _count = kept;
            Limit = (short)Math.Min(Limit, keep + 1);
        }
        // Many near-ties keep the buffer full: grow it rather than compact on every item.
        if (_count > _keys.Length / 2) Array.Resize(ref _keys, _keys.Length * 2);
    }
}
