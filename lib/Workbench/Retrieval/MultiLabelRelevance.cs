using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Retrieval;

/// <summary>Multi-label relevance on bit-packed label rows: relevant when the rows share a set bit.</summary>
internal sealed class MultiLabelRelevance : Relevance
{
    private readonly ulong[] _query;
    private readonly ulong[] _database;
    private readonly int _words;
    private readonly int[] _countCache;

    public MultiLabelRelevance(Tensor queryLabels, Tensor databaseLabels)
    {
        ArgumentNullException.ThrowIfNull(queryLabels);
        ArgumentNullException.ThrowIfNull(databaseLabels);
        if (queryLabels.dim() != 2 || databaseLabels.dim() != 2 || queryLabels.shape[1] != databaseLabels.shape[1])
            throw new ArgumentException(
                $"Label matrices must be [Q, L] and [N, L] with the same L, got [{string.Join(", ", queryLabels.shape)}] and [{string.Join(", ", databaseLabels.shape)}]. " +
                "For integer class ids use Relevance.SameClass.");
        int labels = (int)queryLabels.shape[1];
        _words = Math.Max(1, (labels + 63) / 64);
        _query = Pack(queryLabels, labels, _words);
        _database = Pack(databaseLabels, labels, _words);
        QueryCount = (int)queryLabels.shape[0];
        DatabaseCount = (int)databaseLabels.shape[0];
        _countCache = NewCache(QueryCount);
    }

    public MultiLabelRelevance(bool[,] queryLabels, bool[,] databaseLabels)
    {
        ArgumentNullException.ThrowIfNull(queryLabels);
        ArgumentNullException.ThrowIfNull(databaseLabels);
        int labels = queryLabels.GetLength(1);
        if (databaseLabels.GetLength(1) != labels)
            throw new ArgumentException($"Query labels have {labels} columns but database labels have {databaseLabels.GetLength(1)}.");
        _words = Math.Max(1, (labels + 63) / 64);
        _query = Pack(queryLabels, _words);
        _database = Pack(databaseLabels, _words);
        QueryCount = queryLabels.GetLength(0);
        DatabaseCount = databaseLabels.GetLength(0);
        _countCache = NewCache(QueryCount);
    }

    public override int QueryCount { get; }

    public override int DatabaseCount { get; }

    public override bool IsRelevant(int query, int item)
    {
        ReadOnlySpan<ulong> q = _query.AsSpan(query * _words, _words);
        ReadOnlySpan<ulong> d = _database.AsSpan(item * _words, _words);
        for (int w = 0; w < q.Length; w++)
        {
            if ((q[w] & d[w]) != 0) return true;
        }
        return false;
    }

    public override int CountRelevant(int query)
    {
        int cached = Volatile.Read(ref _countCache[query]);
        if (cached >= 0) return cached;
        int count = 0;
        for (int item = 0; item < DatabaseCount; item++)
        {
            if (IsRelevant(query, item)) count++;
        }
        Volatile.Write(ref _countCache[query], count);
        return count;
    }

    private static int[] NewCache(int n)
    {
        var cache = new int[n];
        Array.Fill(cache, -1);
        return cache;
    }

    private static ulong[] Pack(Tensor labels, int labelCount, int words)
    {
        using var scope = NewDisposeScope();
        byte[] flags = labels.ne(0).to(ScalarType.Byte, CPU).contiguous().data<byte>().ToArray();
        int rows = (int)labels.shape[0];
        var packed = new ulong[rows * words];
        for (int r = 0; r < rows; r++)
        {
            for (int l = 0; l < labelCount; l++)
            {
                if (flags[r * labelCount + l] != 0) packed[r * words + (l >> 6)] |= 1UL << (l & 63);
            }
        }
        return packed;
    }

    private static ulong[] Pack(bool[,] labels, int words)
    {
        int rows = labels.GetLength(0), cols = labels.GetLength(1);
        var packed = new ulong[rows * words];
        for (int r = 0; r < rows; r++)
        {
            for (int l = 0; l < cols; l++)
            {
                if (labels[r, l]) packed[r * words + (l >> 6)] |= 1UL << (l & 63);
            }
        }
        return packed;
    }
}
