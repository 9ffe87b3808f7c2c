using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Losses.Reducers;

/// <summary>
/// Turns a loss's per-element terms (per pair, per triplet or per anchor) into the scalar that is
/// back-propagated (pytorch-metric-learning's <c>reducer</c>).
/// </summary>
public interface ILossReducer
{
    /// <summary>Short name for logs and ablation tables, e.g. <c>mean</c>.</summary>
    string Name { get; }

    /// <summary>Reduces <paramref name="terms"/> (1-D, any length including 0) to a 0-d tensor of the same dtype and device, differentiably.</summary>
    Tensor Reduce(Tensor terms);
}
