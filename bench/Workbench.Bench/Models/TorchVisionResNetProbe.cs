using System.Diagnostics;
using TorchSharp;
using Workbench.Models.Backbones;
using static TorchSharp.torch;

namespace Workbench.Bench.Models;

/// <summary>
/// Our <see cref="ResNet"/> against TorchVision 0.107's <c>torchvision.models.resnet18/resnet50</c>, side by side in one
/// interleaved run: per round one training step (zero_grad, forward, mean(y²), backward) of each, alternating which goes
/// first, on the same input; reports the CPU time per step of each (Process.TotalProcessorTime, 1 torch thread, so
/// time-sharing with other jobs does not count) and the ratio ours / TorchVision. Also checks the two have the same
/// state-dict keys and shapes and, with TorchVision's weights copied into ours, the same outputs.
/// Run: <c>dotnet run -c Release --project bench/Workbench.Bench -- torchvision-interleaved [rounds]</c>.
/// </summary>
public static class TorchVisionResNetProbe
{
    /// <summary>Runs the probe and prints a Markdown table.</summary>
    public static void Run(int rounds)
    {
        torch.set_num_threads(1);
        torch.manual_seed(0);
        Console.WriteLine($"| model | input | ours CPU ms/step | TorchVision CPU ms/step | ours / TorchVision | same keys and shapes | max |Δ output| |");
        Console.WriteLine("|---|---|---:|---:|---:|---|---:|");
        Compare("resnet18", () => ResNet.ResNet18(), () => torchvision.models.resnet18(), [16, 3, 64, 64], rounds);
        Compare("resnet50", () => ResNet.ResNet50(), () => torchvision.models.resnet50(), [8, 3, 64, 64], rounds);
    }

    private static void Compare(string name, Func<nn.Module<Tensor, Tensor>> ours, Func<nn.Module<Tensor, Tensor>> theirs, long[] shape, int rounds)
    {
        using var a = ours();
        using var b = theirs();
        var sa = a.state_dict();
        var sb = b.state_dict();
        bool same = sa.Count == sb.Count && sa.All(kv => sb.TryGetValue(kv.Key, out var t) && t.shape.SequenceEqual(kv.Value.shape));
        using var x = randn(shape);
        double diff = double.NaN;
        if (same)
        {
            using (no_grad())
            {
                foreach (var (k, t) in sb) sa[k].copy_(t);
            }
            a.eval();
            b.eval();
            using var ya = a.call(x);
            using var yb = b.call(x);
            diff = (ya - yb).abs().max().item<float>();
        }
        a.train();
        b.train();
        Step(a, x);
        Step(b, x);
        double ta = 0, tb = 0;
        for (int r = 0; r < rounds; r++)
        {
            if (r % 2 == 0)
            {
                ta += Step(a, x);
                tb += Step(b, x);
            }
            else
            {
                tb += Step(b, x);
                ta += Step(a, x);
            }
        }
        ta /= rounds;
        tb /= rounds;
        Console.WriteLine($"| {name} | {string.Join("x", shape)} | {ta:F0} | {tb:F0} | {ta / tb:F2} | {(same ? "yes" : "no")} | {diff:E1} |");
    }

    private static double Step(nn.Module<Tensor, Tensor> model, Tensor x)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var start = process.TotalProcessorTime;
        using (NewDisposeScope())
        {
            model.zero_grad();
            var y = model.call(x);
            y.pow(2).mean().backward();
        }
        process.Refresh();
        return (process.TotalProcessorTime - start).TotalMilliseconds;
    }
}
