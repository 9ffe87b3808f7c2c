using System.Numerics;

namespace Workbench.Retrieval;

/// <summary>Allocation-free enumeration of the 1-based ranks of set relevance bits below a cut-off.</summary>
internal ref struct RelevantRankEnumerator
{
    private readonly ReadOnlySpan<ulong> _bits;
    private readonly int _limit;
    private int _word;
    private ulong _current;

    public RelevantRankEnumerator(ReadOnlySpan<ulong> bits, int limit)
    {
        _bits = bits;
        _limit = limit;
        _word = 0;
        _current = bits.Length > 0 ? bits[0] : 0;
        Current = 0;
    }

    public int Current { get; private set; }

    public readonly RelevantRankEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        while (true)
        {
            if (_current != 0)
            {
                int position = (_word << 6) + BitOperations.TrailingZeroCount(_current);
                _current &= _current - 1;
                if (position >= _limit) return false;
                Current = position + 1;
                return true;
            }
            if (++_word >= _bits.Length || (_word << 6) >= _limit) return false;
            _current = _bits[_word];
        }
    }
}
