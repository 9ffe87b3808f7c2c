using TorchSharp;
using Workbench.Models;
using Workbench.Models.Heads;
using Workbench.Models.Moco;
using Workbench.Models.Weights;
using static TorchSharp.torch;

namespace Workbench.Papers.Ucdir;

/// <summary>
/// UCDIR's encoder pair (papers.md 1.2): the query encoder f_q (trained by back-propagation) and the key encoder f_k
/// (a momentum copy, no gradients), each a backbone whose <c>fc</c> is the MoCo v2 MLP head with L2-normalised output
/// <c>[N, EmbeddingDimension]</c>. State-dict keys are <c>query.*</c> and <c>key.*</c>. ResNet key encoders use MoCo's
/// split batch-norm (2 groups) fed with a shuffled batch; <c>smallconv</c> has plain batch-norm only, so there the
/// shuffle changes nothing and both encoders normalise over the whole mixed A+B batch.
/// </summary>
public sealed class UcdirEncoders : nn.Module
{
    private readonly Backbone query;
    private readonly Backbone key;

    /// <summary>Builds both encoders for <paramref name="config"/> on <paramref name="device"/>; f_k starts as a copy of f_q.</summary>
    /// <param name="config">Backbone, head sizes and optional MoCo v2 weights.</param>
    /// <param name="inputChannels">Image channels (1 or 3).</param>
    /// <param name="device">Where the parameters live.</param>
    /// <param name="initSeed">Seed of the random initialisation.</param>
    /// <exception cref="WeightLoadException">The weights file does not match the architecture.</exception>
    public UcdirEncoders(UcdirConfig config, int inputChannels, Device device, long initSeed) : base("ucdir")
    {
        ArgumentNullException.ThrowIfNull(config);
        query = Build(config, inputChannels, device, initSeed, keyEncoder: false);
        key = Build(config, inputChannels, device, initSeed, keyEncoder: true);
        RegisterComponents();
        if (config.PretrainedWeights is { Length: > 0 } path)
        {
            WeightReport = query.LoadWeights(path, new WeightLoadOptions { Mapping = KeyMapping.MocoQueryEncoder });
        }
        if (config.Init is { } init) InitReport = query.LoadInit(init);
        MomentumEncoder.Initialize(query, key);
    }

    /// <summary>What loading <see cref="Experiments.ExperimentConfig.Init"/> into f_q's backbone did (f_k copies it), or null.</summary>
    public WeightLoadReport? InitReport { get; }

    /// <summary>The query encoder f_q.</summary>
    public Backbone Query => query;

    /// <summary>The key (momentum) encoder f_k.</summary>
    public Backbone Key => key;

    /// <summary>What loading <see cref="UcdirConfig.PretrainedWeights"/> did, or null without weights.</summary>
    public WeightLoadReport? WeightReport { get; }

    private static Backbone Build(UcdirConfig config, int channels, Device device, long seed, bool keyEncoder)
    {
        bool resnet = !string.Equals(config.Backbone, "smallconv", StringComparison.OrdinalIgnoreCase);
        var backbone = BackboneFactory.Create(config.Backbone, new BackboneOptions
        {
            InputChannels = channels,
            ClassifierOutputs = 0,
            Channels = config.BackboneChannels,
            BatchNormSplits = keyEncoder && resnet ? 2 : 1,
            Seed = seed,
        }, device);
        using var generator = Runtime.Seeding.NewGenerator("ucdir/head-init", seed);
        var head = new MocoMlpHead(backbone.FeatureDimension, config.HeadHidden, config.EmbeddingDimension, normalize: true, device: device, generator: generator);
        backbone.ReplaceClassifier(head, config.EmbeddingDimension);
        return backbone;
    }
}
