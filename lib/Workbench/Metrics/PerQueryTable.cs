using System.Globalization;
using Workbench.Retrieval;

namespace Workbench.Metrics;

/// <summary>
/// Writes the per-query view of a ranking (a run's <c>per-query.csv</c>): one row per query with its
/// relevant-item count, its first ranked ids with their relevance, and each metric's per-query
/// value — the raw material of failure views (sort by a metric, look at the worst queries).
/// </summary>
public static class PerQueryTable
{
    /// <summary>Writes the CSV with an invariant-culture header and values.</summary>
    /// <param name="writer">Destination.</param>
    /// <param name="ranking">The ranking the metrics were computed from.</param>
    /// <param name="metrics">Metrics computed from <paramref name="ranking"/> (one column each).</param>
    /// <param name="topIds">How many leading ids (and their relevance, 1/0) to list per query. Default 10.</param>
    /// <exception cref="ArgumentException">A metric has a different number of queries than the ranking.</exception>
    public static void WriteCsv(TextWriter writer, RankingResult ranking, IEnumerable<MetricValue> metrics, int topIds = 10)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(ranking);
        MetricValue[] columns = metrics.ToArray();
        foreach (MetricValue m in columns)
        {
            if (m.PerQuery.Length != ranking.QueryCount)
                throw new ArgumentException($"Metric {m.Name} has {m.PerQuery.Length} per-query values but the ranking has {ranking.QueryCount} queries.", nameof(metrics));
        }
        int shown = Math.Min(Math.Max(topIds, 0), ranking.Depth);
        writer.WriteLine(string.Join(",", new[] { "query", "relevant_total", "top_ids", "top_relevant" }.Concat(columns.Select(c => Quote(c.Name)))));
        for (int q = 0; q < ranking.QueryCount; q++)
        {
            ReadOnlySpan<int> ids = ranking.IdsOf(q);
            var idText = new string[shown];
            var relText = new char[shown];
            for (int r = 0; r < shown; r++)
            {
                idText[r] = ids[r].ToString(CultureInfo.InvariantCulture);
                relText[r] = ranking.IsRelevant(q, r) ? '1' : '0';
            }
            var cells = new List<string>(4 + columns.Length)
            {
                q.ToString(CultureInfo.InvariantCulture),
                ranking.RelevantTotal(q).ToString(CultureInfo.InvariantCulture),
                string.Join(' ', idText),
                new string(relText),
            };
            foreach (MetricValue m in columns) cells.Add(m.PerQuery[q].ToString("R", CultureInfo.InvariantCulture));
            writer.WriteLine(string.Join(",", cells));
        }
    }

    private static string Quote(string s) => s.IndexOfAny([',', '"', ' ']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
