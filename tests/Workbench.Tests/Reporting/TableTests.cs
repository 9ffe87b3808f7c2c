using Microsoft.Data.Analysis;
using Workbench.Reporting.Charts;
using Workbench.Reporting.Tables;

namespace Workbench.Tests.Reporting;

public class TableTests
{
    private static RunMetrics Run(string method, string variant, long seed, double p1, double p5, string preset = "reduced", string? setting = null) =>
        new(method, variant, preset, seed, new Dictionary<string, double> { ["P@1"] = p1, ["P@5"] = p5 }, "Office-Home", setting);

    private static readonly RunMetrics[] Runs =
    [
        Run("UCDIR", "Seed", 1, 0.50, 0.40, setting: "Art→Real"),
        Run("UCDIR", "Seed", 2, 0.54, 0.42, setting: "Art→Real"),
        Run("UCDIR", "Seed", 3, 0.52, 0.47, setting: "Art→Real"),
        Run("UCDIR", "Official", 1, 0.49, 0.38, setting: "Art→Real"),
        Run("UCDIR w/o CW", "Seed", 1, 0.41, 0.33, setting: "Art→Real"),
    ];

    [Fact]
    public void Ablation_rows_hold_mean_sd_n_preset_and_variant()
    {
        var t = AblationTable.Build(Runs);
        Assert.Equal(["dataset", "setting", "method", "variant", "preset", "n", "seeds", "P@1", "P@1 sd", "P@5", "P@5 sd"], t.Columns.Select(c => c.Name));
        Assert.Equal(3, t.Rows.Count);
        Assert.Equal(["Seed", "Official", "Seed"], Enumerable.Range(0, 3).Select(r => (string)t["variant"][r]));
        Assert.All(Enumerable.Range(0, 3), r => Assert.Equal("reduced", t["preset"][r]));
        Assert.Equal([3, 1, 1], Enumerable.Range(0, 3).Select(r => (int)t["n"][r]!));
        Assert.Equal("1 2 3", t["seeds"][0]);
        double[] p5 = [0.40, 0.42, 0.47];
        double mean = p5.Average(), sd = Math.Sqrt(p5.Sum(v => (v - mean) * (v - mean)) / 2);
        Assert.Equal(mean, (double)t["P@5"][0]!, 12);
        Assert.Equal(sd, (double)t["P@5 sd"][0]!, 12);
        Assert.True(double.IsNaN((double)t["P@1 sd"][1]!)); // n = 1
        Assert.Equal(["P@1", "P@5"], AblationTable.MetricColumns(t));
        Assert.Equal("Art→Real · UCDIR · Seed · reduced", AblationTable.RowLabel(t, 0));

        var partial = Runs.Append(new RunMetrics("UCDIR", "Seed", "reduced", 4, new Dictionary<string, double> { ["P@1"] = 0.5 }, "Office-Home", "Art→Real"));
        Assert.Contains("'P@5' is missing in seeds 4", Assert.Throws<ArgumentException>(() => AblationTable.Build(partial)).Message);
        Assert.Throws<ArgumentException>(() => AblationTable.Build([]));
    }

    [Fact]
    public void Tables_round_trip_through_csv()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("text", ["plain", "a, \"quoted\" b", "two\nlines", "", null]),
            new DoubleDataFrameColumn("x", [1.0, -0.1 + 0.2, double.NaN, 1e-300, null]),
            new Int32DataFrameColumn("n", [1, -2, 0, int.MaxValue, null]),
            new Int64DataFrameColumn("big", [long.MaxValue, 0, 1, 2, 3]),
            new BooleanDataFrameColumn("ok", [true, false, null, true, false]));
        string csv = TableCsv.Write(frame);
        AssertSame(frame, TableCsv.Read(csv));                          // inferred types
        AssertSame(frame, TableCsv.Read(csv, TableCsv.TypesOf(frame))); // given types
        var floats = new DataFrame(new SingleDataFrameColumn("f", [0.1f, 2f, float.PositiveInfinity, -0f, null]));
        AssertSame(floats, TableCsv.Read(TableCsv.Write(floats), TableCsv.TypesOf(floats))); // float is inferred as double, so give the type

        var ablation = AblationTable.Build(Runs);
        string path = Path.Combine(Path.GetTempPath(), $"wb-ablation-{Environment.ProcessId}.csv");
        TableCsv.Save(ablation, path);
        AssertSame(ablation, TableCsv.Load(path, TableCsv.TypesOf(ablation)));
        File.Delete(path);

        Assert.Throws<FormatException>(() => TableCsv.Read("a,b\n1\n"));
        Assert.Throws<FormatException>(() => TableCsv.Read("a\n\"open\n"));
        Assert.Throws<FormatException>(() => TableCsv.Read("a\nx\n", [typeof(int)]));
    }

    [Fact]
    public void Markdown_and_html_show_mean_plus_minus_sd()
    {
        var t = AblationTable.Build(Runs.Where(r => r.Method == "UCDIR"));
        string md = TableMarkdown.Render(t, decimals: 3);
        string[] lines = md.TrimEnd('\n').Split('\n');
        Assert.Equal("| dataset | setting | method | variant | preset | n | seeds | P@1 | P@5 |", lines[0]);
        Assert.Equal("| --- | --- | --- | --- | --- | ---: | --- | ---: | ---: |", lines[1]);
        Assert.Equal("| Office-Home | Art→Real | UCDIR | Seed | reduced | 3 | 1 2 3 | 0.520 ± 0.020 | 0.430 ± 0.036 |", lines[2]);
        Assert.Equal("| Office-Home | Art→Real | UCDIR | Official | reduced | 1 | 1 | 0.490 | 0.380 |", lines[3]);
        Assert.Equal(@"| a\|b |" + "\n| --- |\n| x |\n", TableMarkdown.Render(new DataFrame(new StringDataFrameColumn("a|b", ["x"]))));

        string html = TableDisplay.Html(t);
        Assert.Contains("<td>0.52 &#177; 0.02</td>", html); // TableHtml encodes ± as a character reference
        Assert.Contains("2 rows × 9 columns", html);
    }

    [Fact]
    public void Paper_results_file_cites_every_number_and_has_no_ucdir_rows()
    {
        var rows = PaperResults.Load(Path.Combine(TestHost.RepoRoot, "data", PaperResults.FileName));
        Assert.Equal(9 + 3 * 4 * 5 - 4 * 1, rows.Count); // SPQ 3 datasets × 3 bit lengths; FL CUB/Cars 4 × 5, SOP 4 × 4
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Source)));
        Assert.DoesNotContain(rows, r => r.Paper.Contains("UCDIR", StringComparison.OrdinalIgnoreCase));
        var cifar32 = Assert.Single(rows, r => r.Dataset == "CIFAR-10" && r.Setting == "32 bits");
        Assert.Equal((0.793, ValueScale.Fraction, false), (cifar32.Value, cifar32.Scale, cifar32.NeedsVerification));
        Assert.True(Assert.Single(rows, r => r.Dataset == "CIFAR-10" && r.Setting == "16 bits").NeedsVerification);
        Assert.All(rows.Where(r => r.Paper == "Facility location"), r => Assert.True(r.NeedsVerification));
        var cub = Assert.Single(rows, r => r.Dataset == "CUB-200-2011" && r.Method == "Clustering" && r.Metric == "R@1");
        Assert.Equal((48.18, ValueScale.Percent), (cub.Value, cub.Scale));
        Assert.Throws<FormatException>(() => PaperResults.Parse("paper,dataset\n"));
        Assert.Contains("needs a source", Assert.Throws<FormatException>(() =>
            PaperResults.Parse("paper,dataset,setting,method,metric,value,scale,status,source,note\nX,D,S,M,m,1,percent,paper,,\n")).Message);
    }

    [Fact]
    public void Comparison_puts_paper_ours_and_gap_in_the_paper_scale()
    {
        var paper = PaperResults.Parse("paper,dataset,setting,method,metric,value,scale,status,source,note\n" +
            "Facility location,CUB-200-2011,embedding 64,Clustering,R@1,48.18,percent,\"paper, verify\",Song et al. 2017,\n" +
            "Facility location,CUB-200-2011,embedding 64,N-pairs,R@1,45.37,percent,\"paper, verify\",Song et al. 2017,\n");
        var ours = new[]
        {
            new RunMetrics("FacilityLocation", "Official", "reduced", 1, new Dictionary<string, double> { ["r@1"] = 0.40 }, "CUB-200-2011", "embedding 64"),
            new RunMetrics("FacilityLocation", "Official", "reduced", 2, new Dictionary<string, double> { ["r@1"] = 0.44 }, "CUB-200-2011", "embedding 64"),
            new RunMetrics("FacilityLocation", "Seed", "smoke", 1, new Dictionary<string, double> { ["R@1"] = 0.10 }, "CUB-200-2011", "embedding 64"),
        };
        var t = PaperComparison.Build(ours, paper, ValueScale.Fraction, new Dictionary<string, string> { ["FacilityLocation"] = "Clustering" }, includeMissing: true);
        Assert.Equal(3, t.Rows.Count);
        Assert.Equal(["Official", "Seed", "not run"], Enumerable.Range(0, 3).Select(r => (string)t["variant"][r]));
        Assert.Equal(["reduced", "smoke", "not run"], Enumerable.Range(0, 3).Select(r => (string)t["preset"][r]));
        Assert.Equal(42.0, (double)t["ours"][0]!, 9);
        Assert.Equal(Math.Sqrt(8.0), (double)t["ours sd"][0]!, 9);
        Assert.Equal(42.0 - 48.18, (double)t["gap"][0]!, 9);
        Assert.Equal(2, t["n"][0]);
        Assert.Null(t["ours"][2]);
        Assert.Equal("R@1 (%)", t["metric"][0]);
        Assert.Contains("42.00 ± 2.83", TableMarkdown.Render(t));
        Assert.Equal(2, PaperComparison.Build(ours, paper, ValueScale.Fraction, new Dictionary<string, string> { ["FacilityLocation"] = "Clustering" }).Rows.Count);
    }

    private static void AssertSame(DataFrame expected, DataFrame actual)
    {
        Assert.Equal(expected.Columns.Select(c => (c.Name, c.DataType)), actual.Columns.Select(c => (c.Name, c.DataType)));
        Assert.Equal(expected.Rows.Count, actual.Rows.Count);
        for (int c = 0; c < expected.Columns.Count; c++)
            for (long r = 0; r < expected.Rows.Count; r++)
                Assert.Equal(expected.Columns[c][r], actual.Columns[c][r]);
    }
}
