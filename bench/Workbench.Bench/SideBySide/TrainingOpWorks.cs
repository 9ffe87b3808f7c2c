using System.Globalization;
using TorchSharp;
using Workbench.Losses;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Workbench.Bench.SideBySide;

/// <summary>
/// The single operations of the small CNN step, forward and backward, timed against the same operation in PyTorch
/// (<c>bench/anchors/training_anchor.py</c>, works <c>op-…</c>): where a training step's gap is libtorch's own kernel,
/// it shows here with no workbench code around it. One timed run = <c>y = op(x)</c> and
/// <c>autograd.grad(y, [x, parameters], g)</c> on fixed inputs exported for the anchor (check: sum of the input gradient).
/// Names: <c>op-&lt;kind&gt;-NxCxHxW[-K]</c> with kind <c>conv3x3</c> (K output channels, padding 1, no bias),
/// <c>bn</c> (BatchNorm2d, training mode), <c>relu</c>, <c>maxpool2</c> (2×2, stride 2); and <c>op-ntxent-2NxD</c>, the
/// contrastive loss alone (<see cref="NtXentLoss.Compute"/> with τ = 0.5 on the two halves of x; the anchor's
/// normalize → matmul → masked cross-entropy).
/// </summary>
public static class TrainingOpWorks
{
    /// <summary>The layers of smallconv at batch 256 (28 → 14 → 7), the first convolution of ResNet-18 CIFAR's stage 1 at
    /// batch 128, and NT-Xent over two views of 256.</summary>
    public static IReadOnlyList<SideBySideWork> All() =>
    [
        Op("op-conv3x3-256x1x28x28-32"),
        Op("op-conv3x3-256x32x14x14-64"),
        Op("op-conv3x3-256x64x7x7-128"),
        Op("op-bn-256x32x28x28"),
        Op("op-bn-256x64x14x14"),
        Op("op-relu-256x32x28x28"),
        Op("op-maxpool2-256x32x28x28"),
        Op("op-maxpool2-256x64x14x14"),
        Op("op-conv3x3-128x64x32x32-64"),
        Op("op-bn-128x64x32x32"),
        Op("op-ntxent-512x128"),
    ];

    private static SideBySideWork Op(string name)
    {
        string[] parts = name.Split('-');
        string kind = parts[1];
        long[] shape = parts[2].Split('x').Select(p => long.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        string what = kind switch
        {
            "conv3x3" => $"`nn.Conv2d({shape[1]}, {parts[3]}, 3, padding: 1, bias: false)`",
            "bn" => $"`nn.BatchNorm2d({shape[1]})` (training)",
            "relu" => "`F.relu`",
            "ntxent" => "`NtXentLoss.Compute` (τ 0.5)",
            _ => "`F.max_pool2d(x, 2)`",
        };
        return new(name, $"{what} on {parts[2]}, forward + backward (TorchSharp)", "the same op in PyTorch", [1, 2], _ => Prepare(name, kind, shape, parts));
    }

    private static Func<Func<string>> Prepare(string name, string kind, long[] shape, string[] parts)
    {
        nn.Module<Tensor, Tensor>? module = kind switch
        {
            "conv3x3" => nn.Conv2d(shape[1], long.Parse(parts[3], CultureInfo.InvariantCulture), 3, padding: 1, bias: false),
            "bn" => nn.BatchNorm2d(shape[1]),
            _ => null,
        };
        Tensor x, g;
        using (var gen = Workbench.Runtime.Seeding.NewGenerator("bench/training/op", 1))
        {
            if (module is not null)
            {
                using var noGrad = no_grad();
                foreach (var p in module.parameters()) p.normal_(0, 0.1, generator: gen);
            }
            x = randn(shape, generator: gen).requires_grad_();
            using var y = Forward(module, kind, x);
            g = randn(y.shape, generator: gen);
        }
        module?.train();
        TrainingWorks.Export(name, module ?? nn.Identity(), [("x", x), ("g", g)]);
        var inputs = new List<Tensor> { x };
        if (module is not null) inputs.AddRange(module.parameters());
        return () =>
        {
            Tensor dx;
            using (NewDisposeScope())
            {
                Tensor y = Forward(module, kind, x);
                dx = autograd.grad([y], inputs, [g])[0].DetachFromDisposeScope();
            }
            return () =>
            {
                using (dx) return "sum " + dx.sum().item<float>().ToString("G5", CultureInfo.InvariantCulture).ToLowerInvariant();
            };
        };
    }

    private static Tensor Forward(nn.Module<Tensor, Tensor>? module, string kind, Tensor x) => kind switch
    {
        "relu" => F.relu(x),
        "ntxent" => NtXentLoss.Compute(x.narrow(0, 0, x.shape[0] / 2), x.narrow(0, x.shape[0] / 2, x.shape[0] / 2), 0.5),
        "maxpool2" => F.max_pool2d(x, 2),
        _ => module!.call(x),
    };
}
