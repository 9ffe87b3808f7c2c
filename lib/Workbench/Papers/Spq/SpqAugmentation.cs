namespace Workbench.Papers.Spq;

/// <summary>
/// The two-view augmentation SPQ trains with, built from the shared batched steps in
/// <c>Workbench.Data.Augmentation</c> (per-sample parameters, no normalisation, output in [0, 1]).
/// </summary>
public enum SpqAugmentation
{
    /// <summary>
    /// The official code's kornia pipeline, in its order (papers.md 2.3 and 2.8):
    /// RandomResizedCrop (0.08-1, 3/4-4/3) → horizontal flip p 0.5 → ColorJitter(0.4, 0.4, 0.4, 0.1) p 0.8
    /// → RandomGrayscale p 0.2 → Gaussian blur σ 0.1-2 p 0.5 (3 x 3 at 32 px):
    /// <see cref="Data.Augmentation.AugmentationPresets.Spq"/>.
    /// </summary>
    Kornia,

    /// <summary>
    /// SimCLR's CIFAR-10 recipe, which the seed review names (Chen et al. 2020, appendix B.9: no
    /// Gaussian blur on 32 px images): crop → flip → ColorJitter(0.4, 0.4, 0.4, 0.1) p 0.8 → RandomGrayscale p 0.2.
    /// </summary>
    SimClrCifar,
}
