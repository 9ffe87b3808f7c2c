using Plotly.NET;
using Plotly.NET.CSharp;
using TorchSharp;

namespace Workbench.Reporting.Charts;

/// <summary>
/// Codeword usage per codebook of a product quantizer (SPQ): for each of the M codebooks a bar
/// chart of how many database items are assigned to each of its K codewords, titled with the
/// usage perplexity exp(H) (K when all codewords are used equally, 1 when one codeword takes all).
/// </summary>
public static class CodewordUsageChart
{
    /// <summary>Counts codeword use: <c>counts[m, k]</c> = items whose code in codebook m is k.</summary>
    /// <param name="codes">Codes [N, M], any integer dtype (uint8 for K ≤ 256), values in [0, K).</param>
    /// <param name="codewords">K, the number of codewords per codebook.</param>
    public static long[,] Count(torch.Tensor codes, int codewords)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.dim() != 2) throw new ArgumentException($"codes must be [N, M]; got shape [{string.Join(", ", codes.shape)}].", nameof(codes));
        if (codes.is_floating_point()) throw new ArgumentException($"codes must have an integer dtype; got {codes.dtype}.", nameof(codes));
        if (codewords < 1) throw new ArgumentOutOfRangeException(nameof(codewords), "K must be at least 1.");
        using var scope = torch.NewDisposeScope();
        var c = codes.detach().to(torch.CPU).to_type(torch.ScalarType.Int64);
        int m = (int)codes.shape[1];
        if (codes.shape[0] > 0)
        {
            long lo = c.min().item<long>(), hi = c.max().item<long>();
            if (lo < 0 || hi >= codewords) throw new ArgumentException($"codes range over [{lo}, {hi}], outside [0, {codewords}); is K = {codewords} right?", nameof(codes));
        }
        // Offset codebook m's codes by m·K, then one bincount over all codebooks.
        var offsets = torch.arange(m, dtype: torch.ScalarType.Int64).mul(codewords);
        var flat = c.add(offsets.unsqueeze(0)).reshape(-1);
        var counts = torch.bincount(flat, minlength: m * codewords).contiguous();
        var values = counts.data<long>().ToArray();
        var result = new long[m, codewords];
        Buffer.BlockCopy(values, 0, result, 0, values.Length * sizeof(long));
        return result;
    }

    /// <summary>Usage perplexity exp(−Σ p log p) of one codebook's counts (0 · log 0 = 0); NaN when the row is empty.</summary>
    public static double Perplexity(long[,] counts, int codebook)
    {
        int k = counts.GetLength(1);
        double total = 0;
        for (int j = 0; j < k; j++) total += counts[codebook, j];
        if (total == 0) return double.NaN;
        double h = 0;
        for (int j = 0; j < k; j++)
        {
            if (counts[codebook, j] == 0) continue;
            double p = counts[codebook, j] / total;
            h -= p * Math.Log(p);
        }
        return Math.Exp(h);
    }

    /// <summary>One bar subplot per codebook (grid of <paramref name="columns"/> columns).</summary>
    /// <param name="counts">[M, K] counts, e.g. from <see cref="Count"/>.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="columns">Subplots per row.</param>
    /// <param name="color">Bar colour key in the shared palette (e.g. the method name).</param>
    public static GenericChart Build(long[,] counts, string title = "Codeword usage per codebook", int columns = 4, string color = "SPQ")
    {
        int m = counts.GetLength(0), k = counts.GetLength(1);
        if (m == 0 || k == 0) throw new ArgumentException("counts is empty.", nameof(counts));
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), "columns must be at least 1.");
        var keys = Enumerable.Range(0, k).Select(j => j.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var panels = new GenericChart[m];
        var titles = new string[m];
        for (int i = 0; i < m; i++)
        {
            var row = Enumerable.Range(0, k).Select(j => (double)counts[i, j]).ToArray();
            panels[i] = Plotly.NET.CSharp.Chart.Column<double, string, string>(row, Keys: keys, Name: $"codebook {i}",
                    MarkerColor: MethodPalette.Shared.ColorOf(color), ShowLegend: false)
                .WithXAxisStyle<double, double, string>(TitleText: "Codeword")
                .WithYAxisStyle<double, double, string>(TitleText: "Items (count)");
            titles[i] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"codebook {i}: perplexity {Perplexity(counts, i):F1} / {k}");
        }
        int cols = Math.Min(columns, m), rows = (m + cols - 1) / cols;
        var grid = Plotly.NET.CSharp.Chart.Grid(panels, rows, cols, SubPlotTitles: titles, YGap: 0.4, XGap: 0.25);
        return ChartStyle.Apply(grid, title, null, null, width: Math.Max(ChartStyle.DefaultWidth, 300 * cols), height: Math.Max(320, 280 * rows + 80));
    }
}
