namespace Workbench.Experiments.Records;

/// <summary>Mean and sample standard deviation of each metric over seeds.</summary>
public static class SeedAggregate
{
    /// <summary>
    /// Summarises metrics per name over <paramref name="perSeed"/> (one dictionary per seed). A metric
    /// missing from some seeds is summarised over those that have it (see <see cref="MetricSummary.Count"/>).
    /// Mean = Σx/n; sd = √(Σ(x − mean)²/(n − 1)) (two-pass, so no cancellation).
    /// </summary>
    public static IReadOnlyDictionary<string, MetricSummary> Summarize(IReadOnlyList<IReadOnlyDictionary<string, double>> perSeed)
    {
        ArgumentNullException.ThrowIfNull(perSeed);
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in perSeed.SelectMany(m => m.Keys))
        {
            if (seen.Add(name)) names.Add(name);
        }
        var result = new Dictionary<string, MetricSummary>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var values = perSeed.Where(m => m.ContainsKey(name)).Select(m => m[name]).ToArray();
            result[name] = Summarize(values);
        }
        return result;
    }

    /// <summary>Mean and sample standard deviation of <paramref name="values"/> (at least one).</summary>
    public static MetricSummary Summarize(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("Need at least one value.", nameof(values));
        double sum = 0;
        foreach (double v in values) sum += v;
        double mean = sum / values.Count;
        double? sd = null;
        if (values.Count > 1)
        {
            double ss = 0;
            foreach (double v in values) ss += (v - mean) * (v - mean);
            sd = Math.Sqrt(ss / (values.Count - 1));
        }
        return new MetricSummary(mean, sd, values.Count, values.ToArray());
    }
}
