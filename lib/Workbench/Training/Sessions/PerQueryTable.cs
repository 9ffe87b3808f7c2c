using System.Globalization;
using Workbench.Metrics;
using Workbench.Retrieval;

namespace Workbench.Training.Sessions;

/// <summary>
/// Rows of <c>per-query.csv</c>: one per evaluation query, with fixed columns (e.g. query id, label,
/// AP, rank of the first hit). Cells are numbers, strings or booleans, written invariantly.
/// </summary>
public sealed class PerQueryTable
{
    private readonly List<object?[]> _rows = [];

    /// <summary>A table with these column names (unique, non-empty).</summary>
    public PerQueryTable(params string[] columns)
    {
        if (columns.Length == 0) throw new ArgumentException("A per-query table needs at least one column.", nameof(columns));
        if (columns.Any(string.IsNullOrWhiteSpace) || columns.Distinct(StringComparer.Ordinal).Count() != columns.Length)
        {
            throw new ArgumentException("Per-query column names must be non-empty and unique.", nameof(columns));
        }
        Columns = columns;
    }

    /// <summary>The column names.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The rows added so far.</summary>
    public IReadOnlyList<object?[]> Rows => _rows;

    /// <summary>The columns every ranking row has, after the leading ones: query index, its label, R_q (relevant items in the
    /// database), the 1-based rank of the first relevant item within the ranked depth (empty: none), the first ranked ids.</summary>
    public static IReadOnlyList<string> RankingColumns { get; } = ["query", "label", "relevant", "first_hit", "top"];

    /// <summary>Ids kept per query in the <c>top</c> column.</summary>
    public const int TopIds = 10;

    /// <summary>
    /// The one per-query schema of a retrieval evaluation: <paramref name="leading"/> columns (e.g. <c>split</c>,
    /// <c>direction</c>), then <see cref="RankingColumns"/>, then one column per metric with its per-query value
    /// (e.g. <c>mAP@1000</c> = AP@1000 of the query, <c>R@1</c> = 1 or 0, <c>P@1 capped</c>). Fill it with <see cref="AddRanking"/>.
    /// </summary>
    public static PerQueryTable ForRankings(IEnumerable<string> metrics, params string[] leading)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return new PerQueryTable([.. leading, .. RankingColumns, .. metrics]);
    }

    /// <summary><see cref="ForRankings"/> filled with one ranking.</summary>
    public static PerQueryTable FromRanking(RankingResult ranking, IReadOnlyList<int> labels, IReadOnlyList<MetricValue> metrics) =>
        ForRankings(metrics.Select(m => m.Name)).AddRanking(ranking, labels, metrics);

    /// <summary>
    /// Appends one row per query of <paramref name="ranking"/>: the <paramref name="leading"/> values, the ranking columns, and
    /// each metric's per-query value (NaN, a query the metric skipped, is left empty).
    /// </summary>
    /// <exception cref="ArgumentException">Labels or a metric's per-query values do not match the queries, or the metrics do not match the columns.</exception>
    public PerQueryTable AddRanking(RankingResult ranking, IReadOnlyList<int> labels, IReadOnlyList<MetricValue> metrics, params object?[] leading)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(metrics);
        if (labels.Count != ranking.QueryCount) throw new ArgumentException($"{labels.Count} labels for {ranking.QueryCount} queries.", nameof(labels));
        if (metrics.Any(m => m.PerQuery.Length != ranking.QueryCount))
            throw new ArgumentException($"Every metric needs {ranking.QueryCount} per-query values.", nameof(metrics));
        var expected = Columns.Skip(leading.Length + RankingColumns.Count);
        if (!expected.SequenceEqual(metrics.Select(m => m.Name)))
            throw new ArgumentException($"Metrics {string.Join(", ", metrics.Select(m => m.Name))} do not match the columns {string.Join(", ", expected)}.", nameof(metrics));
        int shown = Math.Min(TopIds, ranking.Depth);
        for (int q = 0; q < ranking.QueryCount; q++)
        {
            var ranks = ranking.RelevantRanks(q, ranking.Depth);
            string top = string.Join(' ', ranking.IdsOf(q)[..shown].ToArray().Select(id => id.ToString(CultureInfo.InvariantCulture)));
            var row = new List<object?>(leading) { q, labels[q], ranking.RelevantTotal(q), ranks.Length > 0 ? ranks[0] : null, top };
            row.AddRange(metrics.Select(m => double.IsNaN(m.PerQuery[q]) ? null : (object?)m.PerQuery[q]));
            Add([.. row]);
        }
        return this;
    }

    /// <summary>Appends a row with one value per column.</summary>
    /// <exception cref="ArgumentException">The wrong number of values.</exception>
    public PerQueryTable Add(params object?[] values)
    {
        if (values.Length != Columns.Count)
        {
            throw new ArgumentException($"A per-query row needs {Columns.Count} values ({string.Join(", ", Columns)}); got {values.Length}.", nameof(values));
        }
        _rows.Add(values);
        return this;
    }
}
