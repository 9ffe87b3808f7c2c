using System.Globalization;
using Workbench.Experiments.Records;

namespace Workbench.Reporting.Tables;

/// <summary>Mean and sample standard deviation (n − 1 denominator) of a metric over n runs (seeds).</summary>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="Sd">Sample standard deviation; NaN when n = 1.</param>
/// <param name="N">Number of values.</param>
public readonly record struct MeanSd(double Mean, double Sd, int N)
{
    /// <summary>Summarises the values (at least one, all finite).</summary>
    public static MeanSd Of(IEnumerable<double> values)
    {
        var v = values.ToArray();
        if (v.Length == 0) throw new ArgumentException("Need at least one value.", nameof(values));
        if (v.Any(x => !double.IsFinite(x))) throw new ArgumentException($"Values must be finite; got {string.Join(", ", v)}.", nameof(values));
        var s = SeedAggregate.Summarize(v); // the one mean / sample-sd implementation, shared with the run records' aggregates
        return new MeanSd(s.Mean, s.StandardDeviation ?? double.NaN, s.Count);
    }

    /// <summary><c>mean ± sd</c> with <paramref name="decimals"/> decimals, or just the mean when n = 1.</summary>
    public string Format(int decimals = 2)
    {
        string f = "F" + decimals.ToString(CultureInfo.InvariantCulture);
        return double.IsNaN(Sd) ? Mean.ToString(f, CultureInfo.InvariantCulture)
            : Mean.ToString(f, CultureInfo.InvariantCulture) + " ± " + Sd.ToString(f, CultureInfo.InvariantCulture);
    }
}
