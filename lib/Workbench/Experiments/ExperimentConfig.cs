using System.Text.Json.Serialization;
using Workbench.Training;
using Workbench.Training.Validation;

namespace Workbench.Experiments;

/// <summary>
/// Base of every method's configuration record. A method derives a sealed record from it, adds its
/// own typed settings, and returns one instance per <see cref="PresetLabel"/> and variant. Records
/// are overridden by property path (<c>--set training.optimizer.learningRate=3e-4</c>), serialised
/// into the run manifest, and hashed (canonical JSON → SHA-256) to find runs to reuse.
/// </summary>
public abstract record ExperimentConfig
{
    /// <summary>Which description the run follows, e.g. <c>Seed</c> (default) or <c>Official</c>; one of the method's variants.</summary>
    public string Variant { get; init; } = "Seed";

    /// <summary>The run seed: model init, data order and every random stream derive from it (default 0).</summary>
    public long Seed { get; init; }

    /// <summary>
    /// A checkpoint to start the method's backbone from instead of random weights (<c>--set init=FILE</c>): a
    /// PyTorch <c>.pth</c> / <c>.pth.tar</c> / <c>.pt</c>, a <c>.safetensors</c> or a TorchSharp state dict, e.g. the
    /// <c>encoder.safetensors</c> of a <c>workbench pretrain</c> run. Loaded strictly into the feature extractor
    /// (heads keep their fresh init; see <see cref="Models.Backbone.LoadInit"/>). The run identity hashes the
    /// file's content, not its path (<see cref="Configs.ConfigHash"/>). Null (default) = random init;
    /// left out of the JSON then, so runs without it keep their identity.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Init { get; init; }

    /// <summary>Run length, optimizer, schedule, clipping, evaluation and checkpoint cadence.</summary>
    public virtual TrainerSettings Training { get; init; } = new();

    /// <summary>
    /// Adds every problem of this configuration to <paramref name="errors"/>, naming fields by their
    /// camelCase dotted path. Derived records call the base and add their own checks.
    /// </summary>
    public virtual void Validate(ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Require(!string.IsNullOrWhiteSpace(Variant), "variant", "must not be empty.");
        if (Init is not null && !File.Exists(Init)) errors.Add("init", $"file '{Init}' not found; give a checkpoint (.pth, .pth.tar, .pt, .safetensors or a TorchSharp state dict), e.g. the encoder.safetensors of a 'workbench pretrain' run.");
        if (Training is null) errors.Add("training", "must be set.");
        else Training.Validate(errors.Scope("training"));
    }
}
