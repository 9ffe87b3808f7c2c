using Workbench.Reporting.Charts;
using static Workbench.Tests.Reporting.ChartJson;

namespace Workbench.Tests.Reporting;

public class TrainingCurveChartTests
{
    private const string RunA = "epoch,step,loss,P@1,phase\n1,10,2.5,,warmup\n2,20,2.0,0.31,train\n3,30,1.5,,train\n4,40,1.25,0.42,train\n";
    private const string RunB = "epoch,loss,P@1\n1,3.0,0.1\n2,2.75,0.2\n";

    [Fact]
    public void History_parses_numbers_blanks_and_drops_text_columns()
    {
        var h = TrainingHistory.Parse(RunA);
        Assert.Equal(["epoch", "step", "loss", "P@1"], h.ColumnNames);
        Assert.Equal(4, h.RowCount);
        Assert.True(double.IsNaN(h["P@1"][0]));
        Assert.Equal(0.42, h["P@1"][3]);
        Assert.Equal("epoch", h.DefaultXColumn);
        Assert.Equal("step", TrainingHistory.Parse("step,loss\n1,2\n").DefaultXColumn);
        var e = Assert.Throws<KeyNotFoundException>(() => h["acc"]);
        Assert.Contains("epoch, step, loss, P@1", e.Message);
        Assert.Throws<FormatException>(() => TrainingHistory.Parse("epoch,loss\n1,2,3\n"));
        Assert.Throws<FormatException>(() => TrainingHistory.Parse("epoch,epoch\n1,2\n"));
        Assert.Contains("artifacts/runs", Assert.Throws<FileNotFoundException>(() => TrainingHistory.Load("/nonexistent/history.csv")).Message);
    }

    [Fact]
    public void Runs_are_overlaid_with_blank_rows_skipped()
    {
        var palette = new MethodPalette();
        var runs = new[]
        {
            new TrainingRun("SPQ seed 1", TrainingHistory.Parse(RunA), "SPQ"),
            new TrainingRun("SPQ seed 2", TrainingHistory.Parse(RunA), "SPQ"),
            new TrainingRun("SPQ-C", TrainingHistory.Parse(RunB)),
        };
        var chart = TrainingCurveChart.Build(runs, "P@1", yTitle: "P@1 (fraction)", palette: palette);
        var traces = Traces(chart);
        Assert.Equal(3, traces.Length);
        Assert.All(traces, t => Assert.Equal("scatter", t.GetProperty("type").GetString()));
        Assert.Equal(["SPQ seed 1", "SPQ seed 2", "SPQ-C"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([2.0, 4.0], Numbers(traces[0].GetProperty("x")));
        Assert.Equal([0.31, 0.42], Numbers(traces[0].GetProperty("y")));
        Assert.Equal([0.1, 0.2], Numbers(traces[2].GetProperty("y")));
        // One colour per method; runs of a method differ in dash.
        string spq = Rgba(palette.HexOf("SPQ"));
        Assert.Equal(spq, traces[0].GetProperty("line").GetProperty("color").GetString());
        Assert.Equal(spq, traces[1].GetProperty("line").GetProperty("color").GetString());
        Assert.Equal(Rgba(palette.HexOf("SPQ-C")), traces[2].GetProperty("line").GetProperty("color").GetString());
        Assert.NotEqual(traces[0].GetProperty("line").GetProperty("dash").GetString(), traces[1].GetProperty("line").GetProperty("dash").GetString());
        var layout = Layout(chart);
        Assert.Equal("P@1 during training", Title(layout));
        Assert.Equal("Epoch", Title(layout.GetProperty("xaxis")));
        Assert.Equal("P@1 (fraction)", Title(layout.GetProperty("yaxis")));
        Assert.Equal(ChartStyle.DefaultWidth, layout.GetProperty("width").GetInt32());
    }

    [Fact]
    public void Reads_the_run_records_history_format()
    {
        // The columns Workbench.Training writes: epoch, step, lr, train.*, eval.*, timings.
        const string csv = "epoch,step,lr,train.loss,train.nce,eval.mAP@1000,train_seconds,eval_seconds\n" +
                           "0,390,0.001,4.5,4.1,,12.5,0\n1,780,0.001,4.25,3.9,0.3125,12.25,3.5\n";
        var chart = TrainingCurveChart.Build([new TrainingRun("SPQ", TrainingHistory.Parse(csv))], ["train.loss", "eval.mAP@1000"]);
        var traces = Traces(chart);
        Assert.Equal([0.0, 1.0], Numbers(traces[0].GetProperty("x")));
        Assert.Equal([4.5, 4.25], Numbers(traces[0].GetProperty("y")));
        Assert.Equal([0.3125], Numbers(traces[1].GetProperty("y")));
        Assert.Equal(["loss (train)", "mAP@1000 (eval)"], Layout(chart).GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()));
    }

    [Fact]
    public void Several_metrics_make_a_grid_with_one_legend_entry_per_run()
    {
        var runs = new[] { new TrainingRun("a", TrainingHistory.Parse(RunB)), new TrainingRun("b", TrainingHistory.Parse(RunB)) };
        var chart = TrainingCurveChart.Build(runs, ["loss", "P@1"]);
        var traces = Traces(chart);
        Assert.Equal(4, traces.Length);
        Assert.Equal([true, true, false, false], traces.Select(t => t.GetProperty("showlegend").GetBoolean()));
        Assert.Equal("x2", traces[2].GetProperty("xaxis").GetString());
        var layout = Layout(chart);
        Assert.Equal(["loss", "P@1"], layout.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()));
        Assert.Throws<ArgumentException>(() => TrainingCurveChart.Build(runs, "missing"));
        Assert.Throws<ArgumentException>(() => TrainingCurveChart.Build([], "loss"));
    }
}
