using TorchSharp;

namespace Workbench.Data.Augmentation;

/// <summary>
/// Two independently augmented views of the same batch (SimCLR, MoCo, SPQ's cross-quantized
/// contrastive loss): the first view draws its parameters, then the second, from one generator.
/// </summary>
/// <param name="First">Augmentation of the first view (the query view in MoCo).</param>
/// <param name="Second">Augmentation of the second view (default: the same pipeline).</param>
public sealed record TwoViewAugmentation(IBatchAugmentation First, IBatchAugmentation? Second = null)
{
    /// <summary>Both views of float <c>[B, C, H, W]</c> images in [0, 1]; each is a new tensor.</summary>
    public (torch.Tensor View1, torch.Tensor View2) Apply(torch.Tensor images, torch.Generator generator)
    {
        var a = First.Apply(images, generator);
        try
        {
            return (a, (Second ?? First).Apply(images, generator));
        }
        catch
        {
            a.Dispose();
            throw;
        }
    }
}
