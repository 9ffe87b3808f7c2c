using Workbench.Clustering;

namespace Workbench.Losses.MetricLearning.FacilityLocation;

/// <summary>
/// Integer contingency counts between a clustering in progress (cluster positions 0…K−1 of the
/// medoid list) and the batch's classes, updated one item move at a time, so a candidate medoid
/// is scored by moving only the items whose assignment it changes and moving them back.
/// </summary>
/// <remarks>
/// <para>Layout: cluster-major counts n[c·K + y], cluster sizes, class sizes (fixed), plus the
/// running sums Σ n log n over cells and over cluster sizes (a table of x log x for x ≤ m), so a
/// move costs O(1) and an NMI evaluation O(1):
/// I = log m + (Σ_cells n log n − Σ_classes a log a − Σ_clusters b log b) / m,
/// H = log m − Σ s log s / m — the same formula, normalisations and edge cases as
/// <see cref="Nmi.FromCounts(ReadOnlySpan{int}, ReadOnlySpan{int}, ReadOnlySpan{int}, int, NmiNormalization)"/>
/// (one cluster vs several classes → 0; both single → 1), which <see cref="ReferenceNmi"/> calls
/// on the same counts and the tests compare against. Evaluating through <c>Nmi.FromCounts</c>
/// costs O(clusters·classes) per candidate and missed the 20 ms budget at |Y| ≥ 64
/// (bench/results/losses.md).</para>
/// <para>For the const margins it also keeps the number of non-empty cells and clusters (the
/// partitions are equal iff both equal the number of classes) and the number of items whose
/// cluster position equals their raw label (TF's literal comparison).</para>
/// </remarks>
internal sealed class ClusterContingency
{
    private int[] _counts = [];
    private int[] _clusterSizes = [];
    private int[] _classSizes = [];
    private int[] _clusterOf = [];
    private int[] _classOf = [];
    private long[] _rawLabels = [];
    private int _classes;
    private int _items;
    private int _nonZeroCells;
    private int _nonEmptyClusters;
    private int _literalMatches;
    private double[] _xLogX = [];
    private double _cellEntropySum;
    private double _clusterEntropySum;
    private double _classEntropySum;
    private int _assigned;

    /// <summary>Number of items m.</summary>
    public int Items => _items;

    /// <summary>Cluster position of item <paramref name="item"/>, −1 while unassigned.</summary>
    public int ClusterOf(int item) => _clusterOf[item];

    /// <summary>
    /// Starts with every item unassigned. <paramref name="classOf"/>: dense class ids 0…K−1;
    /// <paramref name="rawLabels"/>: the original ids; cluster positions may range over 0…m−1.
    /// </summary>
    public void Reset(ReadOnlySpan<int> classOf, ReadOnlySpan<long> rawLabels, int classes)
    {
        _items = classOf.Length;
        _classes = classes;
        EnsureCapacity(ref _counts, _items * classes);
        EnsureCapacity(ref _clusterSizes, _items);
        EnsureCapacity(ref _classSizes, classes);
        EnsureCapacity(ref _clusterOf, _items);
        EnsureCapacity(ref _classOf, _items);
        EnsureCapacity(ref _rawLabels, _items);
        if (_xLogX.Length < _items + 1)
        {
            _xLogX = new double[_items + 1];
            for (int x = 2; x <= _items; x++) _xLogX[x] = x * Math.Log(x);
        }
        Array.Clear(_counts, 0, _items * classes);
        Array.Clear(_clusterSizes, 0, _items);
        Array.Clear(_classSizes, 0, classes);
        classOf.CopyTo(_classOf);
        rawLabels.CopyTo(_rawLabels);
        _clusterOf.AsSpan(0, _items).Fill(-1);
        _literalMatches = 0;
        for (int i = 0; i < _items; i++)
        {
            _classSizes[classOf[i]]++;
            if (rawLabels[i] == -1) _literalMatches++;
        }
        _nonZeroCells = 0;
        _nonEmptyClusters = 0;
        _cellEntropySum = 0;
        _clusterEntropySum = 0;
        _assigned = 0;
        _classEntropySum = 0;
        for (int y = 0; y < classes; y++) _classEntropySum += _xLogX[_classSizes[y]];
    }

    /// <summary>Moves <paramref name="item"/> to cluster position <paramref name="to"/> (−1 = unassigned).</summary>
    public void Move(int item, int to)
    {
        int from = _clusterOf[item];
        if (from == to) return;
        int y = _classOf[item];
        long raw = _rawLabels[item];
        var xLogX = _xLogX;
        if (from >= 0)
        {
            int cell = --_counts[from * _classes + y];
            int size = --_clusterSizes[from];
            _cellEntropySum += xLogX[cell] - xLogX[cell + 1];
            _clusterEntropySum += xLogX[size] - xLogX[size + 1];
            if (cell == 0) _nonZeroCells--;
            if (size == 0) _nonEmptyClusters--;
            _assigned--;
        }
        if (raw == from) _literalMatches--;
        if (to >= 0)
        {
            int cell = _counts[to * _classes + y]++;
            int size = _clusterSizes[to]++;
            _cellEntropySum += xLogX[cell + 1] - xLogX[cell];
            _clusterEntropySum += xLogX[size + 1] - xLogX[size];
            if (cell == 0) _nonZeroCells++;
            if (size == 0) _nonEmptyClusters++;
            _assigned++;
        }
        if (raw == to) _literalMatches++;
        _clusterOf[item] = to;
    }

    /// <summary>
    /// The clustering score of the current assignment with cluster positions 0…<paramref name="clusterCount"/>−1
    /// (every item must be assigned): NMI, or 1/0 for the const margins.
    /// </summary>
    public double Score(FacilityMarginType type, NmiNormalization normalization, int clusterCount) => type switch
    {
        FacilityMarginType.Const => _nonZeroCells == _classes && _nonEmptyClusters == _classes ? 1.0 : 0.0,
        FacilityMarginType.ConstTfLiteral => _literalMatches == _items ? 1.0 : 0.0,
        _ => IncrementalNmi(normalization),
    };

    /// <summary>NMI of the current counts through <see cref="Nmi.FromCounts(ReadOnlySpan{int}, ReadOnlySpan{int}, ReadOnlySpan{int}, int, NmiNormalization)"/> (O(clusters·classes); tests and benchmarks).</summary>
    public double ReferenceNmi(NmiNormalization normalization, int clusterCount) =>
        Nmi.FromCounts(_counts.AsSpan(0, clusterCount * _classes), _clusterSizes.AsSpan(0, clusterCount), _classSizes.AsSpan(0, _classes), _assigned, normalization);

    /// <summary>NMI from the running x log x sums, with Nmi.FromCounts' edge cases and its final step (<see cref="Nmi.FromEntropies"/>).</summary>
    private double IncrementalNmi(NmiNormalization normalization)
    {
        int n = _assigned;
        if (n == 0 || (_nonEmptyClusters == 1 && _classes == 1)) return 1.0;
        if (n != _items) throw new InvalidOperationException($"NMI needs every item assigned; {_items - n} of {_items} are not.");
        if (_nonEmptyClusters == 1 || _classes == 1) return 0.0; // one side has one cluster: I = 0 exactly
        double logN = Math.Log(n);
        double mutualInformation = logN + (_cellEntropySum - _classEntropySum - _clusterEntropySum) / n;
        return Nmi.FromEntropies(mutualInformation, logN - _classEntropySum / n, logN - _clusterEntropySum / n, normalization);
    }

    /// <summary>
    /// Scores a tentative change: moves <paramref name="items"/>[k] to <paramref name="targets"/>[k],
    /// evaluates <see cref="Score"/>, and moves them back.
    /// </summary>
    public double TrialScore(ReadOnlySpan<int> items, ReadOnlySpan<int> targets, Span<int> undo,
        FacilityMarginType type, NmiNormalization normalization, int clusterCount)
    {
        for (int k = 0; k < items.Length; k++)
        {
            undo[k] = _clusterOf[items[k]];
            Move(items[k], targets[k]);
        }
        double score = Score(type, normalization, clusterCount);
        for (int k = items.Length - 1; k >= 0; k--) Move(items[k], undo[k]);
        return score;
    }

    private static void EnsureCapacity<T>(ref T[] array, int length)
    {
        if (array.Length < length) array = new T[length];
    }
}
