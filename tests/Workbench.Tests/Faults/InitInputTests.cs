using TorchSharp.PyBridge;
using Workbench.Experiments.Records;
using Workbench.Models;
using Workbench.Tests.Training;

namespace Workbench.Tests.Faults;

/// <summary>
/// A bad <c>--set init=FILE</c> is bad input (exit 2): a missing file, a file that is no checkpoint, a checkpoint with
/// other keys, one with other shapes. One message names the setting, gives the strict report of missing, unexpected
/// and mis-shaped keys and what to do; nothing is trained or recorded (issue 18).
/// </summary>
[Trait("Category", FaultRuns.Slow)]
public class InitInputTests
{
    [Fact]
    public void A_bad_init_file_exits_2_with_its_report_and_records_nothing()
    {
        using var store = new TempDirectory();
        using var files = new TempDirectory();
        string garbage = Path.Combine(files.Path, "garbage.pth");
        File.WriteAllText(garbage, "this is not a checkpoint");
        string garbageSafetensors = Path.Combine(files.Path, "garbage.safetensors");
        File.WriteAllBytes(garbageSafetensors, [1, 2, 3]);
        string otherKeys = Path.Combine(files.Path, "linear.safetensors");
        using (var linear = nn.Linear(4, 2)) linear.save_safetensors(otherKeys);
        string otherShapes = Path.Combine(files.Path, "wider.safetensors");
        using (var wider = BackboneFactory.Create("smallconv", new BackboneOptions { InputChannels = 3, Channels = [8, 16, 32], ClassifierOutputs = 0 })) wider.save_safetensors(otherShapes);

        Refused(store.Path, Path.Combine(files.Path, "missing.pth"), "init: file '", "not found");
        Refused(store.Path, garbage, "init: '" + garbage + "' is not a checkpoint the workbench can read", "leave init unset");
        Refused(store.Path, garbageSafetensors, "is not a checkpoint the workbench can read", ".safetensors file");
        var keys = Refused(store.Path, otherKeys, "does not fit the ucdir backbone at preset smoke; nothing was loaded or trained", "missing module keys: features.");
        Assert.Contains("2 unexpected checkpoint keys: ", keys); // the linear layer's weight and bias
        Assert.Contains("Give a checkpoint of the same backbone", keys);
        var shapes = Refused(store.Path, otherShapes, "does not fit the ucdir backbone", "shape mismatches: features.2.conv.weight: checkpoint [32, 16, 3, 3] vs module [16, 16, 3, 3]");
        Assert.Contains("missing 0, unexpected 0", shapes);
        Assert.Empty(RunStore.ListIn(store.Path));
    }

    private static string Refused(string store, string init, params string[] expected)
    {
        var r = WorkbenchChild.Run(["experiment", "run", "ucdir", "--preset", "smoke", "--set", $"init={init}", "--device", "cpu", "--out", store]);
        Assert.True(r.ExitCode == 2, $"init={init}: exit {r.ExitCode}\n{r.Text}");
        Assert.StartsWith("error: The configuration of ucdir (smoke, Seed) is invalid:", r.Error);
        foreach (string text in expected) Assert.Contains(text, r.Error);
        FaultRuns.AssertPlain(r.Text);
        return r.Error;
    }
}
