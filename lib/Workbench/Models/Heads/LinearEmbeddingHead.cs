using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Workbench.Models.Heads;

/// <summary>
/// The linear embedding layer of deep metric learning (papers.md 3.4: backbone features →
/// d = 64): y = W f + b, optionally L2-normalised (eps 1e-12). Parameters are named
/// <c>weight [out, in]</c> and <c>bias [out]</c> like <c>nn.Linear</c>, so as a backbone's
/// classifier they appear as <c>fc.weight</c> / <c>fc.bias</c>. Input <c>[N, in]</c> → <c>[N, out]</c>.
/// </summary>
public sealed class LinearEmbeddingHead : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "weight")] private readonly Parameter _weight;
    [ComponentName(Name = "bias")] private readonly Parameter? _bias;

    /// <summary>Creates the head with PyTorch's default Linear init drawn from <paramref name="generator"/>, on <paramref name="device"/>.</summary>
    /// <param name="inFeatures">Backbone feature size (e.g. 512, 2048).</param>
    /// <param name="embeddingDimension">Embedding size d (64 in the facility-location paper).</param>
    /// <param name="normalize">L2-normalise the output rows.</param>
    /// <param name="bias">Whether the layer has a bias.</param>
    /// <param name="device">Target device (CPU when null).</param>
    /// <param name="generator">Random source for the init.</param>
    public LinearEmbeddingHead(long inFeatures, long embeddingDimension = 64, bool normalize = true, bool bias = true, Device? device = null, Generator? generator = null)
        : base(nameof(LinearEmbeddingHead))
    {
        if (inFeatures < 1 || embeddingDimension < 1)
        {
            throw new ArgumentException($"LinearEmbeddingHead sizes must be ≥ 1; got {inFeatures} → {embeddingDimension}.");
        }
        InFeatures = inFeatures;
        EmbeddingDimension = embeddingDimension;
        Normalize = normalize;
        _weight = nn.Parameter(empty(embeddingDimension, inFeatures));
        _bias = bias ? nn.Parameter(empty(embeddingDimension)) : null;
        RegisterComponents();
        WeightInit.PyTorchDefault(_weight, _bias, generator);
        if (device is not null) this.to(device);
    }

    /// <summary>Input size.</summary>
    public long InFeatures { get; }

    /// <summary>Embedding size d.</summary>
    public long EmbeddingDimension { get; }

    /// <summary>Whether rows are L2-normalised.</summary>
    public bool Normalize { get; }

    /// <summary>Weight W <c>[d, in]</c>.</summary>
    public Parameter Weight => _weight;

    /// <summary><c>[N, in]</c> → <c>[N, d]</c>.</summary>
    public override Tensor forward(Tensor input)
    {
        var y = F.linear(input, _weight, _bias);
        if (!Normalize) return y;
        using (y) return F.normalize(y, p: 2, dim: 1, eps: 1e-12);
    }
}
