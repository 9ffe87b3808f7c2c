using Workbench.Models;
using Workbench.Models.Heads;
using Workbench.Models.Weights;
using Workbench.Runtime;
using static TorchSharp.torch;

namespace Workbench.Papers.FacilityLocation;

/// <summary>
/// The embedding network of papers.md 3.4: a backbone (<see cref="BackboneFactory"/>) whose pooled
/// features feed a linear d = 64 embedding layer (<see cref="LinearEmbeddingHead"/>, registered as
/// the backbone's <c>fc</c>), L2-normalised when the loss needs it. The paper used ImageNet-pretrained
/// GoogLeNet-BN; TorchSharp has none, so the paper preset uses ResNet-50 (optionally with converted
/// ImageNet weights) and the reduced presets a small conv net from scratch.
/// </summary>
public static class DmlModel
{
    /// <summary>Builds the network for images with <paramref name="inputChannels"/> channels on <paramref name="device"/>.</summary>
    /// <param name="config">Backbone, width, embedding size, normalisation, pretrained weights, seed.</param>
    /// <param name="inputChannels">1 (grey) or 3 (RGB).</param>
    /// <param name="device">Target device.</param>
    /// <returns>A backbone whose <c>forward</c> maps <c>[N, C, H, W]</c> to embeddings <c>[N, d]</c>.</returns>
    /// <param name="log">Receives the init checkpoint's load report (<see cref="Experiments.ExperimentConfig.Init"/>).</param>
    /// <exception cref="Models.Weights.WeightLoadException">The init checkpoint does not fit the backbone.</exception>
    public static Backbone Create(DmlConfig config, int inputChannels, Device device, Action<string>? log = null)
    {
        var options = new BackboneOptions
        {
            InputChannels = inputChannels,
            ClassifierOutputs = 0,
            Channels = config.Backbone == "smallconv" ? [config.Width, 2L * config.Width, 4L * config.Width] : null,
            Seed = config.Seed,
        };
        var backbone = BackboneFactory.Create(config.Backbone, options, device);
        if (config.PretrainedWeights is { } path)
        {
            backbone.LoadWeights(path, new WeightLoadOptions { Strict = false, IgnorePrefixes = ["fc."] });
        }
        if (config.Init is { } init) log?.Invoke($"init {init}: {backbone.LoadInit(init)}");
        using var generator = Seeding.NewGenerator("dml-embedding-head", config.Seed);
        var head = new LinearEmbeddingHead(backbone.FeatureDimension, config.EmbeddingDimension, config.ResolvedNormalize, device: device, generator: generator);
        backbone.ReplaceClassifier(head, config.EmbeddingDimension);
        return backbone;
    }
}
