using System.Globalization;
using Plotly.NET;
using Workbench.Data;
using Workbench.Metrics;
using Workbench.Reporting.Charts;
using Workbench.Reporting.Embedding;
using Workbench.Reporting.Grids;
using Workbench.Retrieval;
using static TorchSharp.torch;

namespace Workbench.Papers.FacilityLocation;

/// <summary>
/// The charts of the facility-location ablation, from run records: NMI and R@1 grouped bars
/// (mean ± sd over seeds, one bar per loss and C/m), Recall@K curves, a PCA or t-SNE map of test
/// embeddings, and retrieval grids (query, then its nearest test images framed by relevance).
/// </summary>
/// <remarks>Introduced in <c>notebooks/03-facility-location.ipynb</c>, section "Results".</remarks>
public static class DmlCharts
{
    /// <summary>Grouped bars of <paramref name="metrics"/> (default NMI and R@1) in %: one series per (loss, C/m) cell, coloured by loss, hatched by C/m.</summary>
    /// <param name="cells">Ablation cells of one dataset (see <see cref="DmlAblationRow.FromRuns"/>).</param>
    /// <param name="metrics">Metric names, all in the same scale.</param>
    /// <param name="title">Chart title.</param>
    public static GenericChart MetricBars(IReadOnlyList<DmlAblationRow> cells, IReadOnlyList<string>? metrics = null, string? title = null)
    {
        if (cells.Count == 0) throw new ArgumentException("No ablation cells to chart.", nameof(cells));
        metrics ??= ["NMI", "R@1"];
        var series = cells.Select(c => new BarSeries(
            $"{DmlLosses.DisplayName(c.Loss)} · C/m {c.Ratio.ToString("0.##", CultureInfo.InvariantCulture)}",
            metrics.Select(m => 100 * c.Mean[m]).ToArray(),
            metrics.Select(m => 100 * c.Sd.GetValueOrDefault(m, double.NaN)).ToArray(),
            DmlLosses.DisplayName(c.Loss))).ToList();
        string seeds = string.Join("/", cells.Select(c => c.Seeds.Count).Distinct());
        return AblationBarChart.Build(metrics, series, "% (mean ± sd over seeds)",
            title ?? $"{cells[0].Dataset} · {cells[0].Preset}: NMI and R@1 per loss and C/m ({seeds} seeds)");
    }

    /// <summary>Recall@K against K for the best C/m of every loss (by mean NMI), in %.</summary>
    public static GenericChart RecallCurves(IReadOnlyList<DmlAblationRow> cells, string? title = null)
    {
        if (cells.Count == 0) throw new ArgumentException("No ablation cells to chart.", nameof(cells));
        var best = cells.GroupBy(c => c.Loss).Select(g => g.OrderByDescending(c => c.Mean.GetValueOrDefault("NMI")).First())
                        .OrderBy(c => DmlLosses.Order(c.Loss)).ToList();
        var series = best.Select(c =>
        {
            var ks = c.Mean.Keys.Where(k => k.StartsWith("R@", StringComparison.Ordinal)).Select(k => int.Parse(k[2..], CultureInfo.InvariantCulture)).Order().ToList();
            return new CurveSeries($"{DmlLosses.DisplayName(c.Loss)} (C/m {c.Ratio.ToString("0.##", CultureInfo.InvariantCulture)})",
                ks.Select(k => (double)k).ToList(), ks.Select(k => 100 * c.Mean[$"R@{k}"]).ToList(), DmlLosses.DisplayName(c.Loss));
        }).ToList();
        return RetrievalCurveChart.RecallAtK(series, ValueScale.Percent, title ?? $"{cells[0].Dataset} · {cells[0].Preset}: Recall@K (best C/m per loss)");
    }

    /// <summary>
    /// A 2-d map of test embeddings coloured by class: PCA (<paramref name="method"/> = <c>pca</c>) or
    /// t-SNE (<c>tsne</c>), on at most <paramref name="maxPoints"/> points (an evenly spaced subset).
    /// </summary>
    public static GenericChart EmbeddingMap(TestEmbeddings embeddings, string method = "pca", int maxPoints = 1500, long seed = 0, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        int n = embeddings.Count, take = Math.Min(n, maxPoints);
        var rows = Enumerable.Range(0, take).Select(i => (long)((long)i * n / take)).ToArray();
        using var scope = NewDisposeScope();
        var x = embeddings.ToTensor().index_select(0, tensor(rows));
        var classes = rows.Select(r => embeddings.Labels[r]).ToArray();
        bool tsne = string.Equals(method, "tsne", StringComparison.OrdinalIgnoreCase);
        var points = tsne
            ? TSne.Embed(x, new TSneOptions { Seed = seed, Iterations = 500, Perplexity = 30 }).Embedding
            : Pca.FitTransform(x);
        return EmbeddingScatterChart.Build(points, classes, null, embeddings.ClassNames,
            title: title ?? $"{(tsne ? "t-SNE" : "PCA")} of {take} test embeddings ({embeddings.Dataset})", axisName: tsne ? "t-SNE" : "Component");
    }

    /// <summary>
    /// A retrieval grid on the test set: each shown query (the worst by R@1, or random ones) followed by
    /// its <paramref name="topK"/> nearest other test images, framed green when of the query's class.
    /// </summary>
    /// <param name="embeddings">The run's test embeddings (rows in the order of <paramref name="testImages"/>).</param>
    /// <param name="testImages">The test images, as the run loaded them (<see cref="DmlData.Load"/>).</param>
    /// <param name="queries">Rows to show.</param>
    /// <param name="topK">Results per query.</param>
    /// <param name="worst">Show queries whose nearest neighbour is wrong (R@1 misses) instead of random ones.</param>
    /// <param name="seed">Seed of the random selection.</param>
    public static RetrievalGrid RetrievalGrid(TestEmbeddings embeddings, IImageDataset testImages, int queries = 6, int topK = 6, bool worst = false, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(testImages);
        if (testImages.Count != embeddings.Count)
            throw new ArgumentException($"{embeddings.Count} embeddings but {testImages.Count} test images; load the test set with the run's configuration.");
        using var x = embeddings.ToTensor();
        var ranking = RankingResult.FromEmbeddings(x, x, Relevance.SameClass(embeddings.Labels, embeddings.Labels), topK, SearchMetric.Euclidean, excludeSelf: true);
        var ids = Enumerable.Range(0, ranking.QueryCount).Select(q => ranking.IdsOf(q).ToArray()).ToList();
        var relevant = Enumerable.Range(0, ranking.QueryCount).Select(q => Enumerable.Range(0, ranking.Depth).Select(r => ranking.IsRelevant(q, r)).ToArray()).ToList();
        var source = new RetrievalGridSource(Image, Image, ranking.QueryCount, ranking.QueryCount, ids, relevant, embeddings.Labels, embeddings.Labels, embeddings.ClassNames);
        var selection = worst ? QuerySelection.Worst(RecallAtK.Compute(ranking, 1).PerQuery, queries, "R@1") : QuerySelection.Random(queries, seed);
        return Reporting.Grids.RetrievalGrid.Build(source, selection, topK);

        Tensor Image(int i)
        {
            using var batch = testImages.LoadImages([i]);
            return batch[0].clone();
        }
    }
}
