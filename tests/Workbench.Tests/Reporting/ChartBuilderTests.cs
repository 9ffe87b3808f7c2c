using Workbench.Reporting.Charts;
using Workbench.Reporting.Tables;
using static Workbench.Tests.Reporting.ChartJson;

namespace Workbench.Tests.Reporting;

public class ChartBuilderTests
{
    [Fact]
    public void Grouped_bars_carry_means_and_sd_error_bars()
    {
        var chart = AblationBarChart.Build(["P@1", "P@5", "P@15"],
            [new BarSeries("UCDIR", [0.5, 0.4, 0.3], [0.01, 0.02, double.NaN]), new BarSeries("w/o CW", [0.45, 0.35, 0.25])],
            yTitle: "Precision (fraction)");
        var traces = Traces(chart);
        Assert.Equal(2, traces.Length);
        Assert.All(traces, t => Assert.Equal("bar", t.GetProperty("type").GetString()));
        Assert.Equal(["P@1", "P@5", "P@15"], Strings(traces[0].GetProperty("x")));
        Assert.Equal([0.5, 0.4, 0.3], Numbers(traces[0].GetProperty("y")));
        Assert.Equal([0.01, 0.02, 0.0], Numbers(traces[0].GetProperty("error_y").GetProperty("array"))); // NaN sd (n = 1) draws no bar
        Assert.False(traces[1].TryGetProperty("error_y", out _));
        var layout = Layout(chart);
        Assert.Equal("group", layout.GetProperty("barmode").GetString());
        Assert.Equal("Precision (fraction)", Title(layout.GetProperty("yaxis")));
        Assert.Throws<ArgumentException>(() => AblationBarChart.Build(["a"], [new BarSeries("x", [1, 2])], "y"));
        Assert.Throws<ArgumentException>(() => AblationBarChart.Build(["a"], [new BarSeries("x", [double.NaN])], "y"));
    }

    [Fact]
    public void Bars_from_an_ablation_table_share_the_method_colour_and_differ_in_hatching()
    {
        var runs = new[]
        {
            new RunMetrics("SPQ", "Seed", "smoke", 1, new Dictionary<string, double> { ["mAP"] = 0.5 }),
            new RunMetrics("SPQ", "Seed", "smoke", 2, new Dictionary<string, double> { ["mAP"] = 0.7 }),
            new RunMetrics("SPQ", "Official", "smoke", 1, new Dictionary<string, double> { ["mAP"] = 0.4 }),
        };
        var traces = Traces(AblationBarChart.FromTable(AblationTable.Build(runs), "mAP (fraction)"));
        Assert.Equal(["SPQ · Seed · smoke", "SPQ · Official · smoke"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([0.6], Numbers(traces[0].GetProperty("y")), new Tolerance(1e-12));
        Assert.Equal(Math.Sqrt(0.02), Numbers(traces[0].GetProperty("error_y").GetProperty("array"))[0], 12);
        var c0 = traces[0].GetProperty("marker").GetProperty("color").GetString();
        Assert.Equal(c0, traces[1].GetProperty("marker").GetProperty("color").GetString());
        Assert.Equal("/", traces[1].GetProperty("marker").GetProperty("pattern").GetProperty("shape").GetString());
    }

    [Fact]
    public void Retrieval_curves_label_their_axes_and_check_the_scale()
    {
        var series = new[] { new CurveSeries("SPQ", [1, 5, 10], [0.9, 0.8, 0.7]), new CurveSeries("PQ", [1, 5, 10], [0.6, 0.5, 0.4]) };
        var pk = RetrievalCurveChart.PrecisionAtK(series);
        var traces = Traces(pk);
        Assert.Equal(2, traces.Length);
        Assert.Equal([1.0, 5, 10], Numbers(traces[0].GetProperty("x")));
        Assert.Equal([0.6, 0.5, 0.4], Numbers(traces[1].GetProperty("y")));
        var layout = Layout(pk);
        Assert.Equal("K (retrieved items)", Title(layout.GetProperty("xaxis")));
        Assert.Equal("Precision@K (fraction)", Title(layout.GetProperty("yaxis")));
        Assert.Equal([0, 1.02], Numbers(layout.GetProperty("yaxis").GetProperty("range")));
        Assert.Contains("hit", Title(Layout(RetrievalCurveChart.RecallAtK(series)).GetProperty("yaxis")));
        Assert.Contains("all relevant", Title(Layout(RetrievalCurveChart.RecallAtN(series)).GetProperty("yaxis")));
        Assert.Equal("N (returned items)", Title(Layout(RetrievalCurveChart.PrecisionAtN(series)).GetProperty("xaxis")));

        var pr = RetrievalCurveChart.PrecisionRecall([new CurveSeries("SPQ", [0.1, 0.5, 1.0], [0.9, 0.6, 0.1])], ValueScale.Fraction);
        Assert.Equal("Recall (fraction)", Title(Layout(pr).GetProperty("xaxis")));
        Assert.Equal([0, 1.02], Numbers(Layout(pr).GetProperty("xaxis").GetProperty("range")));
        var e = Assert.Throws<ArgumentException>(() => RetrievalCurveChart.PrecisionAtK([new CurveSeries("SPQ", [1], [79.3])]));
        Assert.Contains("ValueScale.Percent", e.Message);
        Assert.Equal([79.3], Numbers(Traces(RetrievalCurveChart.PrecisionAtK([new CurveSeries("SPQ", [1], [79.3])], ValueScale.Percent))[0].GetProperty("y")));
        Assert.Throws<ArgumentException>(() => RetrievalCurveChart.PrecisionAtK([new CurveSeries("SPQ", [0], [0.5])]));
        Assert.Throws<ArgumentException>(() => RetrievalCurveChart.PrecisionAtK([new CurveSeries("SPQ", [1, 2], [0.5])]));
    }

    [Fact]
    public void Transport_plan_heatmap_holds_the_matrix_with_row_zero_on_top()
    {
        var plan = tensor(new float[] { 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f }).reshape(2, 3);
        var chart = HeatmapChart.TransportPlan(plan);
        var trace = Assert.Single(Traces(chart));
        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        var z = trace.GetProperty("z").EnumerateArray().Select(Numbers).ToArray();
        Assert.Equal(2, z.Length);
        Assert.Equal([0.1, 0.2, 0.3], z[0], new Tolerance(1e-6));
        Assert.Equal([0.4, 0.5, 0.6], z[1], new Tolerance(1e-6));
        Assert.Equal("Mass", Title(trace.GetProperty("colorbar")));
        var layout = Layout(chart);
        Assert.Equal("reversed", layout.GetProperty("yaxis").GetProperty("autorange").GetString());
        Assert.Equal("category", layout.GetProperty("xaxis").GetProperty("type").GetString());
        Assert.Equal("Prototype (column)", Title(layout.GetProperty("xaxis")));
        Assert.Throws<ArgumentException>(() => HeatmapChart.TransportPlan(zeros(3)));
    }

    [Fact]
    public void Contingency_counts_match_a_brute_force_count()
    {
        var rng = new Random(3);
        int[] truth = Enumerable.Range(0, 200).Select(_ => rng.Next(4)).ToArray();
        int[] clusters = Enumerable.Range(0, 200).Select(_ => 10 + rng.Next(5)).ToArray();
        var chart = HeatmapChart.ClusterContingency(truth, clusters, ["a", "b", "c", "d"]);
        var trace = Assert.Single(Traces(chart));
        var z = trace.GetProperty("z").EnumerateArray().Select(Numbers).ToArray();
        Assert.Equal(["a", "b", "c", "d"], Strings(trace.GetProperty("y")));
        Assert.Equal(["10", "11", "12", "13", "14"], Strings(trace.GetProperty("x")));
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 5; c++)
                Assert.Equal(Enumerable.Range(0, 200).Count(i => truth[i] == r && clusters[i] == 10 + c), z[r][c]);
        Assert.Equal("%{z}", trace.GetProperty("texttemplate").GetString());

        var confusion = Assert.Single(Traces(HeatmapChart.ConfusionMatrix([0, 1, 1, 2], [0, 1, 2, 2])));
        var cz = confusion.GetProperty("z").EnumerateArray().Select(Numbers).ToArray();
        Assert.Equal([0.0, 1, 1], cz[1]);
        Assert.Throws<ArgumentException>(() => Contingency.Count([1, 2], [1], [1, 2], [1]));
        Assert.Throws<ArgumentException>(() => Contingency.Count([3], [1], [1, 2], [1]));
    }

    [Fact]
    public void Codeword_usage_counts_each_codebook_and_reports_perplexity()
    {
        var gen = new Generator(0, CPU);
        gen.manual_seed(5);
        var codes = randint(0, 16, [500, 4], dtype: ScalarType.Byte, generator: gen);
        var counts = CodewordUsageChart.Count(codes, 16);
        var arr = codes.data<byte>().ToArray();
        for (int m = 0; m < 4; m++)
            for (int k = 0; k < 16; k++)
                Assert.Equal(Enumerable.Range(0, 500).Count(i => arr[i * 4 + m] == k), counts[m, k]);

        var uniform = new long[1, 4] { { 5, 5, 5, 5 } };
        Assert.Equal(4.0, CodewordUsageChart.Perplexity(uniform, 0), 12);
        Assert.Equal(1.0, CodewordUsageChart.Perplexity(new long[1, 3] { { 0, 9, 0 } }, 0), 12);

        var chart = CodewordUsageChart.Build(counts, columns: 2);
        var traces = Traces(chart);
        Assert.Equal(4, traces.Length);
        Assert.All(traces, t => Assert.Equal("bar", t.GetProperty("type").GetString()));
        Assert.Equal(counts[3, 7], Numbers(traces[3].GetProperty("y"))[7]);
        var layout = Layout(chart);
        Assert.Equal(2, layout.GetProperty("grid").GetProperty("rows").GetInt32());
        Assert.StartsWith("codebook 0: perplexity", layout.GetProperty("annotations")[0].GetProperty("text").GetString());
        Assert.Contains("outside [0, 8)", Assert.Throws<ArgumentException>(() => CodewordUsageChart.Count(codes, 8)).Message);
        Assert.Throws<ArgumentException>(() => CodewordUsageChart.Count(codes.to(ScalarType.Float32), 16));
    }

    [Fact]
    public void Embedding_scatter_colours_by_class_and_shapes_by_domain()
    {
        var points = new double[8, 2];
        for (int i = 0; i < 8; i++) (points[i, 0], points[i, 1]) = (i, -i);
        int[] classes = [0, 0, 1, 1, 0, 0, 1, 1];
        int[] domains = [0, 0, 0, 0, 1, 1, 1, 1];
        var traces = Traces(EmbeddingScatterChart.Build(points, classes, domains, ["cat", "dog"], ["Art", "Real"]));
        Assert.Equal(["cat · Art", "dog · Art", "cat · Real", "dog · Real"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([4.0, 5], Numbers(traces[2].GetProperty("x")));
        // Plotly.NET writes plotly.js symbol codes: 0 = circle, 4 = x.
        Assert.Equal("0", traces[0].GetProperty("marker").GetProperty("symbol").GetString());
        Assert.Equal("4", traces[2].GetProperty("marker").GetProperty("symbol").GetString());
        Assert.Equal(traces[0].GetProperty("marker").GetProperty("color").GetString(), traces[2].GetProperty("marker").GetProperty("color").GetString());
        Assert.NotEqual(traces[0].GetProperty("marker").GetProperty("color").GetString(), traces[1].GetProperty("marker").GetProperty("color").GetString());

        // Many classes: one trace per domain, a colour per point, names on hover.
        int n = 60;
        var many = zeros(n, 2, dtype: ScalarType.Float32);
        var manyClasses = Enumerable.Range(0, n).Select(i => i % 30).ToArray();
        var manyTraces = Traces(EmbeddingScatterChart.Build(many, manyClasses, title: "t-SNE", axisName: "t-SNE"));
        var single = Assert.Single(manyTraces);
        Assert.Equal(n, single.GetProperty("marker").GetProperty("color").GetArrayLength());
        Assert.Equal("class 7 · domain 0", single.GetProperty("text")[7].GetString());
        Assert.Throws<ArgumentException>(() => EmbeddingScatterChart.Build(zeros(4, 3), [0, 0, 0, 0]));
        Assert.Throws<ArgumentException>(() => EmbeddingScatterChart.Build(points, [0, 1]));
    }
}
