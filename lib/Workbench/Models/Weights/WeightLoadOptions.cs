namespace Workbench.Models.Weights;

/// <summary>How <see cref="WeightLoader"/> matches a checkpoint to a module.</summary>
public sealed record WeightLoadOptions
{
    /// <summary>
    /// Strict (default): every module key must be loaded, every checkpoint key (after mapping and
    /// ignoring) must exist in the module with the same shape, or nothing is loaded and a
    /// <see cref="WeightLoadException"/> lists the differences. Non-strict: loads the matching
    /// tensors and reports the rest in the <see cref="WeightLoadReport"/>.
    /// </summary>
    public bool Strict { get; init; } = true;

    /// <summary>Key renaming applied to the checkpoint before matching.</summary>
    public KeyMapping Mapping { get; init; } = KeyMapping.Identity;

    /// <summary>
    /// Prefixes (after mapping) to leave out on both sides, e.g. <c>"fc."</c> to keep a freshly
    /// initialised classifier: checkpoint keys are ignored, module keys are not required.
    /// </summary>
    public IReadOnlyList<string> IgnorePrefixes { get; init; } = [];

    /// <summary>
    /// Module keys of input convolutions whose checkpoint tensor may differ in input channels
    /// (dim 1): 3 → 1 sums the RGB kernels (exact for a grey image fed as R = G = B), 1 → C
    /// repeats the kernel divided by C. <see cref="Backbone.LoadWeights"/> fills in its first conv.
    /// </summary>
    public IReadOnlyList<string> AdaptInputChannelsFor { get; init; } = [];
}
