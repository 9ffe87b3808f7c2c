using Workbench.Experiments;
using Workbench.Experiments.Records;
using Workbench.Tests.Training;
using Workbench.Training.Records;
using Workbench.Training.Sessions;

namespace Workbench.Tests.Training;

public class HistoryCsvTests
{
    [Fact]
    public void RoundTrip_IsExact_WithUnionColumnsAndBlanks()
    {
        var rows = new List<HistoryRow>
        {
            new() { Epoch = 0, Step = 8, LearningRate = 0.1 / 3, Losses = new Dictionary<string, double> { ["loss"] = 1.0 / 7, ["iw"] = 2e-300 }, TrainSeconds = 0.5 },
            new() { Epoch = 1, Step = 16, LearningRate = 3e-4, Losses = new Dictionary<string, double> { ["loss"] = 0.25, ["cw"] = double.NaN },
                    Metrics = new Dictionary<string, double> { ["P@1"] = 0.875 }, TrainSeconds = 0.25, EvalSeconds = 0.125 },
        };
        string text = HistoryCsv.Format(rows);
        Assert.StartsWith("epoch,step,lr,train.loss,train.iw,train.cw,eval.P@1,train_seconds,eval_seconds\n", text);
        Assert.Contains("\n0,8,", text);
        var back = HistoryCsv.Parse(text);
        Assert.Equal(2, back.Count);
        Assert.Equal(rows[0].LearningRate, back[0].LearningRate);
        Assert.Equal(rows[0].Losses.ToArray(), back[0].Losses.ToArray());
        Assert.Empty(back[0].Metrics);
        Assert.True(double.IsNaN(back[1].Losses["cw"]));
        Assert.False(back[1].Losses.ContainsKey("iw"));
        Assert.Equal(0.875, back[1].Metrics["P@1"]);
        Assert.Equal(0.125, back[1].EvalSeconds);
    }

    [Fact]
    public void BadFiles_AreRejectedWithTheLine()
    {
        Assert.Throws<InvalidDataException>(() => HistoryCsv.Parse("a,b\n"));
        var e = Assert.Throws<InvalidDataException>(() => HistoryCsv.Parse("epoch,step,lr,train.loss,train_seconds,eval_seconds\n0,1,0.1,x,0,0\n"));
        Assert.Contains(":2:", e.Message);
    }

    [Fact]
    public void PerQueryCsv_QuotesAndFormatsInvariantly()
    {
        var t = new PerQueryTable("query", "name", "ap", "hit");
        t.Add(0, "a,b", 0.1 + 0.2, true).Add(1, "say \"hi\"", 1.0f / 3, false);
        Assert.Equal("query,name,ap,hit\n0,\"a,b\",0.30000000000000004,true\n1,\"say \"\"hi\"\"\",0.33333334,false\n", PerQueryCsv.Format(t));
        Assert.Throws<ArgumentException>(() => t.Add(1, 2));
        Assert.Throws<ArgumentException>(() => new PerQueryTable("a", "a"));
    }

    [Fact]
    public void AtomicFile_ReplacesWholeFiles_AndLeavesNoTemporaries()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("sub", "x.json");
        AtomicFile.WriteAllText(path, "first");
        AtomicFile.WriteAllText(path, "second");
        Assert.Equal("second", File.ReadAllText(path));
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, _ => throw new InvalidOperationException("boom")));
        Assert.Equal("second", File.ReadAllText(path));
        Assert.Equal(["x.json"], Directory.GetFiles(dir.Combine("sub")).Select(Path.GetFileName));
    }
}
