using Workbench.Reporting;
using Workbench.Reporting.Charts;

namespace Workbench.Tests.Reporting;

public class HealthChartTests
{
    private const string Csv = "epoch,step,lr,train.loss,eval.mean P@1,eval.health.spread,eval.health.effective rank,eval.health.A assignment entropy,train_seconds,eval_seconds\n" +
                               "0,10,0.1,5.0,10,0.8,20,0.5,1,1\n1,20,0.1,4.0,9,0.01,1.1,1.0,1,1\n";

    [Fact]
    public void Health_columns_are_found_in_order_and_plotted_beside_the_loss()
    {
        var run = new TrainingRun("collapsing", TrainingHistory.Parse(Csv), "ucdir");
        Assert.Equal(["eval.health.spread", "eval.health.effective rank", "eval.health.A assignment entropy"], HealthChart.Columns([run]));
        string json = PlotlyFigureJson.Of(HealthChart.Build([run]));
        Assert.Contains("A assignment entropy", json);
        Assert.Contains("effective rank", json);
    }

    [Fact]
    public void Runs_without_health_columns_get_a_clear_message()
    {
        var old = new TrainingRun("old", TrainingHistory.Parse("epoch,step,lr,train.loss,train_seconds,eval_seconds\n0,1,0.1,2,1,1\n"));
        var e = Assert.Throws<ArgumentException>(() => HealthChart.Build([old]));
        Assert.Contains("before the signals existed", e.Message);
    }

    [Fact]
    public void A_run_without_clusters_is_left_out_of_the_assignment_entropy_panel_only()
    {
        var clustered = new TrainingRun("CW", TrainingHistory.Parse(Csv), "ucdir");
        var instanceWise = new TrainingRun("IW", TrainingHistory.Parse(
            "epoch,step,lr,train.loss,eval.health.spread,eval.health.effective rank,train_seconds,eval_seconds\n0,10,0.1,6.0,0.7,18,1,1\n"), "ucdir");
        static int Scatters(Plotly.NET.GenericChart chart) =>
            System.Text.RegularExpressions.Regex.Matches(PlotlyFigureJson.Of(chart), "\"type\":\"scatter\"").Count;
        // the IW run adds a trace to the loss, spread and effective-rank panels, none to assignment entropy
        Assert.Equal(3, Scatters(HealthChart.Build([clustered, instanceWise])) - Scatters(HealthChart.Build([clustered])));
        Assert.Throws<ArgumentException>(() => TrainingCurveChart.Build([clustered, instanceWise], ["eval.health.A assignment entropy"]));
    }
}
