using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Workbench.Experiments.LinearProbe;

/// <summary>
/// Linear classifier <c>x ↦ W x + b</c> (<c>[N, D] → [N, C]</c>), or with <c>hidden &gt; 0</c> a tiny
/// embedding net <c>x ↦ W₂ ReLU(W₁ x + b₁) + b₂</c>. float32.
/// </summary>
public sealed class LinearProbeNet : nn.Module<Tensor, Tensor>
{
    private readonly Linear? embed;
    private readonly Linear classifier;

    /// <summary>Creates the net on <paramref name="device"/>; weights from torch's default generator (PyTorch's Linear init).</summary>
    public LinearProbeNet(int dimensions, int classes, int hidden, Device device) : base(nameof(LinearProbeNet))
    {
        if (hidden > 0) embed = nn.Linear(dimensions, hidden);
        classifier = nn.Linear(hidden > 0 ? hidden : dimensions, classes);
        RegisterComponents();
        this.to(device);
    }

    /// <summary>Logits <c>[N, C]</c> of inputs <c>[N, D]</c>.</summary>
    public override Tensor forward(Tensor input)
    {
        if (embed is null) return classifier.forward(input);
        using var h = embed.forward(input);
        using var a = nn.functional.relu(h);
        return classifier.forward(a);
    }
}
