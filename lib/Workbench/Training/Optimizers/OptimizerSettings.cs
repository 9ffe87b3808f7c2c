using Workbench.Training.Validation;


namespace Workbench.Training.Optimizers;

/// <summary>
/// Optimizer hyper-parameters. Defaults follow PyTorch; a preset sets what its paper uses.
/// Weight decay is the coupled L2 form of <c>torch.optim</c> (added to the gradient before the update).
/// </summary>
public sealed record OptimizerSettings
{
    /// <summary>Which optimizer (default Adam).</summary>
    public OptimizerKind Kind { get; init; } = OptimizerKind.Adam;

    /// <summary>Base learning rate; the schedule multiplies it (default 1e-3).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>L2 weight decay coefficient (default 0).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Momentum factor for SGD and RMSprop (default 0; UCDIR uses 0.9 with SGD).</summary>
    public double Momentum { get; init; }

    /// <summary>SGD dampening (default 0).</summary>
    public double Dampening { get; init; }

    /// <summary>Nesterov momentum for SGD (default false; needs momentum &gt; 0 and dampening 0).</summary>
    public bool Nesterov { get; init; }

    /// <summary>Adam's first-moment decay β₁ (default 0.9).</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam's second-moment decay β₂ (default 0.999).</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Denominator epsilon of Adam and RMSprop (default 1e-8).</summary>
    public double Eps { get; init; } = 1e-8;

    /// <summary>RMSprop smoothing constant α (default 0.99).</summary>
    public double Alpha { get; init; } = 0.99;

    /// <summary>Centered RMSprop (default false).</summary>
    public bool Centered { get; init; }

    /// <summary>Adds every problem to <paramref name="errors"/> (field names relative to this record).</summary>
    public void Validate(ConfigErrors errors)
    {
        errors.Require(double.IsFinite(LearningRate) && LearningRate > 0, "learningRate", $"must be a positive number (got {LearningRate}).");
        errors.Require(double.IsFinite(WeightDecay) && WeightDecay >= 0, "weightDecay", $"must be ≥ 0 (got {WeightDecay}).");
        errors.Require(Momentum is >= 0 and < 1, "momentum", $"must be in [0, 1) (got {Momentum}).");
        errors.Require(Dampening is >= 0 and <= 1, "dampening", $"must be in [0, 1] (got {Dampening}).");
        errors.Require(Beta1 is >= 0 and < 1, "beta1", $"must be in [0, 1) (got {Beta1}).");
        errors.Require(Beta2 is >= 0 and < 1, "beta2", $"must be in [0, 1) (got {Beta2}).");
        errors.Require(double.IsFinite(Eps) && Eps > 0, "eps", $"must be positive (got {Eps}).");
        errors.Require(Alpha is >= 0 and < 1, "alpha", $"must be in [0, 1) (got {Alpha}).");
        if (Nesterov)
        {
            errors.Require(Kind == OptimizerKind.Sgd, "nesterov", "applies to kind=sgd only.");
            errors.Require(Momentum > 0 && Dampening == 0, "nesterov", "needs momentum > 0 and dampening = 0.");
        }
        if (Kind == OptimizerKind.Adam && Momentum != 0)
        {
            errors.Add("momentum", "is not used by Adam (its momentum is beta1); leave it at 0 or choose kind=sgd/rmsProp.");
        }
    }
}
