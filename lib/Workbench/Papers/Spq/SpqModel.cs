using TorchSharp;
using Workbench.Models;
using Workbench.Models.Heads;
using Workbench.Runtime;
using static TorchSharp.torch;

namespace Workbench.Papers.Spq;

/// <summary>
/// SPQ's network (papers.md 2.1): backbone F (features → FC → ReLU) followed by the quantization head Q.
/// <see cref="forward"/> maps images <c>[N, C, H, W]</c> in [0, 1] (no mean/std normalisation, as the
/// official code) to the deep descriptor x̂ and its soft quantization ẑ, both <c>[N, M·d]</c>.
/// State-dict keys: <c>backbone.*</c> (torchvision names) and <c>head.fc.*</c>, <c>head.C</c>.
/// </summary>
public sealed class SpqModel : nn.Module<Tensor, (Tensor Descriptor, Tensor Quantized)>
{
    private readonly Backbone backbone;
    private readonly SoftQuantizationHead head;

    /// <summary>Wraps a backbone and a head whose input dimension equals the backbone's output.</summary>
    /// <exception cref="ArgumentException">The dimensions do not match.</exception>
    public SpqModel(Backbone backbone, SoftQuantizationHead head) : base("spq")
    {
        ArgumentNullException.ThrowIfNull(backbone);
        ArgumentNullException.ThrowIfNull(head);
        if (head.Options.InputDimension != backbone.OutputDimension)
        {
            throw new ArgumentException($"The head expects {head.Options.InputDimension} inputs but the backbone gives {backbone.OutputDimension}.");
        }
        this.backbone = backbone;
        this.head = head;
        RegisterComponents();
    }

    /// <summary>F.</summary>
    public Backbone Backbone => backbone;

    /// <summary>What loading <see cref="Experiments.ExperimentConfig.Init"/> did, or null for a random init.</summary>
    public Models.Weights.WeightLoadReport? InitReport { get; private init; }

    /// <summary>Q.</summary>
    public SoftQuantizationHead Head => head;

    /// <summary>
    /// Builds the model of <paramref name="config"/> for images with <paramref name="inputChannels"/> channels,
    /// initialised from the streams <c>backbone-init</c> and <c>spq/head-init</c> of <paramref name="seed"/>; with
    /// <see cref="Experiments.ExperimentConfig.Init"/> the backbone's features start from that checkpoint
    /// (<see cref="Backbone.LoadInit"/>, reported in <see cref="InitReport"/>).
    /// </summary>
    /// <exception cref="Models.Weights.WeightLoadException">The init checkpoint does not fit the backbone.</exception>
    public static SpqModel Create(SpqConfig config, int inputChannels, long seed, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var backbone = BackboneFactory.Create(config.Backbone, new BackboneOptions
        {
            InputChannels = inputChannels,
            Channels = config.BackboneChannels,
            ClassifierOutputs = config.BackboneOutputs,
            Seed = seed,
        }, device);
        var report = config.Init is { } init ? backbone.LoadInit(init) : null;
        using var generator = Seeding.NewGenerator("spq/head-init", seed);
        var head = new SoftQuantizationHead(config.HeadOptions(backbone.OutputDimension), device, generator);
        return new SpqModel(backbone, head) { InitReport = report };
    }

    /// <summary>x̂ only: <c>[N, C, H, W]</c> → <c>[N, M·d]</c> (what the database and the queries are encoded from).</summary>
    public Tensor Descriptor(Tensor images)
    {
        using var features = backbone.call(images);
        return head.Descriptor(features);
    }

    /// <summary>(x̂, ẑ) for images <c>[N, C, H, W]</c>.</summary>
    public override (Tensor Descriptor, Tensor Quantized) forward(Tensor images)
    {
        using var features = backbone.call(images);
        return head.call(features);
    }
}
