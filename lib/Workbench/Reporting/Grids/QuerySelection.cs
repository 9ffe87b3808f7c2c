using System.Globalization;
using Workbench.Runtime;

namespace Workbench.Reporting.Grids;

/// <summary>Which queries a retrieval grid shows: chosen ids, a seeded random sample, or the worst by a per-query metric.</summary>
public sealed class QuerySelection
{
    private readonly Func<int, int[]> _select;

    private QuerySelection(string description, Func<int, int[]> select, IReadOnlyList<double>? metric, string? metricName)
    {
        Description = description;
        _select = select;
        Metric = metric;
        MetricName = metricName;
    }

    /// <summary>A human-readable description, e.g. "8 worst queries by AP (lowest first)".</summary>
    public string Description { get; }

    /// <summary>The per-query metric used to pick queries (shown in captions), if any.</summary>
    public IReadOnlyList<double>? Metric { get; }

    /// <summary>The metric's name, if any.</summary>
    public string? MetricName { get; }

    /// <summary>The chosen queries, in order.</summary>
    public static QuerySelection Chosen(params int[] queries)
    {
        if (queries.Length == 0) throw new ArgumentException("Choose at least one query.", nameof(queries));
        var copy = queries.ToArray();
        return new QuerySelection($"{copy.Length} chosen queries", n =>
        {
            int bad = Array.FindIndex(copy, q => (uint)q >= (uint)n);
            if (bad >= 0) throw new ArgumentOutOfRangeException(nameof(queries), $"query {copy[bad]} is outside [0, {n}).");
            return copy;
        }, null, null);
    }

    /// <summary><paramref name="count"/> distinct queries drawn uniformly with a seeded generator, in ascending id order.</summary>
    public static QuerySelection Random(int count, long seed)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), "Select at least one query.");
        return new QuerySelection(string.Create(CultureInfo.InvariantCulture, $"{count} random queries (seed {seed})"), n =>
        {
            var rng = Seeding.NewRandom("retrieval-grid", seed);
            var ids = Enumerable.Range(0, n).ToArray();
            rng.Shuffle(ids);
            return ids.Take(Math.Min(count, n)).Order().ToArray();
        }, null, null);
    }

    /// <summary>
    /// The <paramref name="count"/> queries with the lowest <paramref name="perQueryMetric"/> (e.g. AP or
    /// P@K of each query), lowest first; ties by query id. NaN values (e.g. a query with no relevant
    /// item) are skipped.
    /// </summary>
    public static QuerySelection Worst(IReadOnlyList<double> perQueryMetric, int count, string metricName = "AP")
    {
        ArgumentNullException.ThrowIfNull(perQueryMetric);
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), "Select at least one query.");
        var metric = perQueryMetric.ToArray();
        return new QuerySelection($"{count} worst queries by {metricName} (lowest first)", n =>
        {
            if (metric.Length != n) throw new ArgumentException($"{metric.Length} metric values for {n} queries; give one per query.", nameof(perQueryMetric));
            return Enumerable.Range(0, n).Where(q => !double.IsNaN(metric[q]))
                .OrderBy(q => metric[q]).ThenBy(q => q).Take(count).ToArray();
        }, metric, metricName);
    }

    /// <summary>The selected query ids among <paramref name="queryCount"/> queries.</summary>
    public int[] Select(int queryCount) => _select(queryCount);
}
