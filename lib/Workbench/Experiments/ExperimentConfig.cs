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
        if (Training is null) errors.Add("training", "must be set.");
        else Training.Validate(errors.Scope("training"));
    }
}
