using static TorchSharp.torch;

namespace Workbench.Models.Moco;

/// <summary>
/// MoCo's single-device batch shuffle for the key encoder: permute the key batch before the forward pass
/// (so the split batch-norm groups of <see cref="Workbench.Models.Layers.SplitBatchNorm2d"/> mix samples) and restore the order afterwards.
/// </summary>
public static class KeyBatchShuffle
{
    /// <summary>Returns x[perm] and the index that undoes it (argsort of perm), for <paramref name="x"/> <c>[N, …]</c>.</summary>
    public static (Tensor Shuffled, Tensor Unshuffle) Shuffle(Tensor x, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(generator);
        using var scope = NewDisposeScope();
        var perm = randperm(x.shape[0], generator: generator).to(x.device);
        var unshuffle = perm.argsort();
        return (x.index_select(0, perm).MoveToOuterDisposeScope(), unshuffle.MoveToOuterDisposeScope());
    }

    /// <summary>Restores the original order: y[unshuffle].</summary>
    public static Tensor Unshuffle(Tensor y, Tensor unshuffle) => y.index_select(0, unshuffle);
}
