using Workbench.Training.Validation;


namespace Workbench.Experiments.LinearProbe;

/// <summary>
/// Configuration of the built-in <c>linear-probe</c> method: a classifier trained on seeded Gaussian
/// blobs (class centres ~ N(0, separation²·I), samples = centre + N(0, spread²·I)). It exists to
/// exercise the trainer, records, resume and CLI end to end without any dataset.
/// </summary>
public sealed record LinearProbeConfig : ExperimentConfig
{
    /// <summary>Input dimension D (default 16).</summary>
    public int Dimensions { get; init; } = 16;

    /// <summary>Number of classes C (default 4).</summary>
    public int Classes { get; init; } = 4;

    /// <summary>Training samples per class (default 64).</summary>
    public int TrainPerClass { get; init; } = 64;

    /// <summary>Test samples (queries) per class (default 32).</summary>
    public int TestPerClass { get; init; } = 32;

    /// <summary>Standard deviation of the class centres (default 1: classes overlap, so accuracy stays below 1).</summary>
    public double Separation { get; init; } = 1.0;

    /// <summary>Within-class standard deviation (default 1).</summary>
    public double Spread { get; init; } = 1.0;

    /// <summary>Hidden width of the <c>Mlp</c> variant's embedding layer (0: linear classifier).</summary>
    public int Hidden { get; init; }

    /// <summary>Batch size; an epoch is ⌊C·trainPerClass / batchSize⌋ steps (the last partial batch is dropped).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Seed of the synthetic data, separate from the run seed so several seeds train on the same data (default 0).</summary>
    public long DataSeed { get; init; }

    /// <inheritdoc />
    public override void Validate(ConfigErrors errors)
    {
        base.Validate(errors);
        errors.Require(Init is null, "init", "the linear probe has no backbone to start from a checkpoint; use init with ucdir, spq, dml or pretrain.");
        errors.Require(Dimensions >= 1, "dimensions", $"must be at least 1 (got {Dimensions}).");
        errors.Require(Classes >= 2, "classes", $"must be at least 2 (got {Classes}).");
        errors.Require(TrainPerClass >= 1, "trainPerClass", $"must be at least 1 (got {TrainPerClass}).");
        errors.Require(TestPerClass >= 1, "testPerClass", $"must be at least 1 (got {TestPerClass}).");
        errors.Require(double.IsFinite(Separation) && Separation > 0, "separation", $"must be positive (got {Separation}).");
        errors.Require(double.IsFinite(Spread) && Spread > 0, "spread", $"must be positive (got {Spread}).");
        errors.Require(Hidden >= 0, "hidden", $"must be ≥ 0 (got {Hidden}); 0 means a linear classifier.");
        errors.Require(BatchSize >= 1, "batchSize", $"must be at least 1 (got {BatchSize}).");
        long train = (long)Classes * TrainPerClass;
        errors.Require(BatchSize <= train, "batchSize",
            $"must not exceed the training set (classes × trainPerClass = {train}); got {BatchSize}.");
    }
}
