using TorchSharp;

namespace Workbench.Data.Augmentation;

/// <summary>
/// A random image transform applied to a whole batch at once, with its own random parameters for
/// every sample, drawn from the given generator (so the same generator state gives the same batch).
/// </summary>
public interface IBatchAugmentation
{
    /// <summary>
    /// Transforms float <c>[B, C, H, W]</c> images (values in [0, 1], C = 1 or 3, any device) into a new
    /// float batch <c>[B, C, H', W']</c>. The input is not modified. Random parameters come from
    /// <paramref name="generator"/>, a CPU <see cref="torch.Generator"/> (see <c>Seeding.NewGenerator</c>).
    /// </summary>
    torch.Tensor Apply(torch.Tensor images, torch.Generator generator);
}
