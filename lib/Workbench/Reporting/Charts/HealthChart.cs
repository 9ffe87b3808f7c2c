using Plotly.NET;
using Workbench.Metrics.Health;

namespace Workbench.Reporting.Charts;

/// <summary>
/// The health signals of runs (<c>eval.health.*</c> columns of <c>history.csv</c>, see <see cref="HealthMetrics"/>) next
/// to their loss: one panel for the first loss column and one per health signal, several runs overlaid. A collapse shows
/// as spread or effective rank falling towards 0 / 1, or assignment entropy rising to 1 (uniform over the K clusters).
/// </summary>
public static class HealthChart
{
    /// <summary>Health columns present in any of <paramref name="runs"/>, in a fixed order (embedding signals first).</summary>
    public static IReadOnlyList<string> Columns(IReadOnlyList<TrainingRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return runs.SelectMany(r => r.History.ColumnNames)
            .Where(c => c.StartsWith("eval." + HealthMetrics.Prefix, StringComparison.Ordinal))
            .Distinct()
            .OrderBy(c => Order(c))
            .ThenBy(c => c, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Loss and health panels of <paramref name="runs"/> against epoch; a panel shows the runs that recorded its signal (an instance-wise run has no assignment entropy).</summary>
    /// <exception cref="ArgumentException">No run has a health column (records written before the signals existed).</exception>
    public static GenericChart Build(IReadOnlyList<TrainingRun> runs, string loss = "train.loss", int columns = 3, MethodPalette? palette = null)
    {
        var health = Columns(runs);
        if (health.Count == 0)
            throw new ArgumentException("These runs have no health columns (eval.health.*) in history.csv: they were recorded before the signals existed; train them again to see them.", nameof(runs));
        var panels = runs.All(r => r.History.Has(loss)) ? new[] { loss }.Concat(health).ToList() : health.ToList();
        return TrainingCurveChart.Build(runs, panels, "epoch", "Loss and representation health", columns, palette, skipMissing: true);
    }

    private static int Order(string column)
    {
        string[] order = [HealthMetrics.Spread, HealthMetrics.EffectiveRank, HealthMetrics.DeadDimensions, HealthMetrics.AssignmentEntropy,
            HealthMetrics.MarginalEntropy, HealthMetrics.ClustersUsed, HealthMetrics.CodewordPerplexity, HealthMetrics.MinPerplexity, HealthMetrics.CodewordsUsed];
        for (int i = 0; i < order.Length; i++)
        {
            if (column.EndsWith(order[i], StringComparison.Ordinal)) return i;
        }
        return order.Length;
    }
}
