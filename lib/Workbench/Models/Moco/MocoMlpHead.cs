using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Workbench.Models.Moco;

/// <summary>
/// MoCo v2's projection head (UCDIR's encoder head, papers.md 1.2): Linear(in → hidden) → ReLU →
/// Linear(hidden → out), output L2-normalised along dim 1 (MoCo normalises q and k after the
/// encoder; eps 1e-12 as <c>F.normalize</c>). Sub-modules are named <c>0, 1, 2</c> like MoCo's
/// <c>nn.Sequential</c>, so as a backbone's <c>fc</c> its keys are <c>fc.0.weight, fc.0.bias,
/// fc.2.weight, fc.2.bias</c>, matching MoCo checkpoints. Defaults 2048 → 2048 → 128 (ResNet-50).
/// Input <c>[N, in]</c> → <c>[N, out]</c>.
/// </summary>
public sealed class MocoMlpHead : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "0")] private readonly Linear _hidden;
    [ComponentName(Name = "1")] private readonly ReLU _relu;
    [ComponentName(Name = "2")] private readonly Linear _output;

    /// <summary>Creates the head with PyTorch's default Linear init drawn from <paramref name="generator"/>, on <paramref name="device"/>.</summary>
    public MocoMlpHead(long inFeatures = 2048, long hiddenFeatures = 2048, long outFeatures = 128, bool normalize = true, Device? device = null, Generator? generator = null)
        : base(nameof(MocoMlpHead))
    {
        if (inFeatures < 1 || hiddenFeatures < 1 || outFeatures < 1)
        {
            throw new ArgumentException($"MocoMlpHead sizes must be ≥ 1; got {inFeatures} → {hiddenFeatures} → {outFeatures}.");
        }
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Normalize = normalize;
        _hidden = nn.Linear(inFeatures, hiddenFeatures);
        _relu = nn.ReLU();
        _output = nn.Linear(hiddenFeatures, outFeatures);
        RegisterComponents();
        WeightInit.PyTorchDefault(_hidden.weight, _hidden.bias, generator);
        WeightInit.PyTorchDefault(_output.weight, _output.bias, generator);
        if (device is not null) this.to(device);
    }

    /// <summary>Input size.</summary>
    public long InFeatures { get; }

    /// <summary>Output size (MoCo's low dimension, 128).</summary>
    public long OutFeatures { get; }

    /// <summary>Whether the output is L2-normalised.</summary>
    public bool Normalize { get; }

    /// <summary><c>[N, in]</c> → <c>[N, out]</c>, unit rows when <see cref="Normalize"/>.</summary>
    public override Tensor forward(Tensor input)
    {
        using var h = _hidden.call(input);
        using var a = _relu.call(h);
        var y = _output.call(a);
        if (!Normalize) return y;
        using (y) return F.normalize(y, p: 2, dim: 1, eps: 1e-12);
    }
}
