using TorchSharp;
using Workbench.Models;
using Workbench.Models.Heads;
using Workbench.Models.Moco;
using static TorchSharp.torch;

namespace Workbench.Papers.Pretraining;

/// <summary>
/// SimCLR's pair f, g: the encoder f (a <see cref="Models.Backbone"/> without classifier, <c>[N, C, S, S]</c> →
/// <c>[N, F]</c>) and the projection MLP g (<c>[N, F]</c> → hidden → ReLU → <c>[N, P]</c>) on which NT-Xent is
/// applied; downstream runs keep f only (<see cref="PretrainSession.EncoderFileName"/>). State-dict keys
/// <c>encoder.*</c> and <c>projector.*</c>.
/// </summary>
public sealed class PretrainModel : nn.Module<Tensor, Tensor>
{
    private readonly Backbone encoder;
    private readonly MocoMlpHead projector;

    /// <summary>Builds f and g for <paramref name="config"/>, initialised from <paramref name="seed"/> (and <see cref="Experiments.ExperimentConfig.Init"/> for f when set).</summary>
    public PretrainModel(PretrainConfig config, long seed, Device device) : base("pretrain")
    {
        ArgumentNullException.ThrowIfNull(config);
        encoder = BackboneFactory.Create(config.Backbone, new BackboneOptions
        {
            InputChannels = config.ResolvedChannels,
            Channels = config.BackboneChannels,
            ClassifierOutputs = 0,
            Seed = seed,
        }, device);
        if (config.Init is { } init) InitReport = encoder.LoadInit(init);
        using var generator = Runtime.Seeding.NewGenerator("pretrain/projector-init", seed);
        projector = new MocoMlpHead(encoder.FeatureDimension, config.ProjectionHidden, config.ProjectionDimension, normalize: false, device: device, generator: generator);
        RegisterComponents();
    }

    /// <summary>f.</summary>
    public Backbone Encoder => encoder;

    /// <summary>What loading the init checkpoint into f did, or null.</summary>
    public Models.Weights.WeightLoadReport? InitReport { get; }

    /// <summary>g(f(x)): <c>[N, C, S, S]</c> → <c>[N, P]</c>.</summary>
    public override Tensor forward(Tensor images)
    {
        using var h = encoder.call(images);
        return projector.call(h);
    }
}
