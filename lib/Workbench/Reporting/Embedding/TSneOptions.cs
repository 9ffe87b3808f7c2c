namespace Workbench.Reporting.Embedding;

/// <summary>
/// Settings of exact t-SNE (van der Maaten and Hinton 2008). Defaults follow the reference
/// implementations (bhtsne / scikit-learn's exact method): perplexity 30, 1000 iterations,
/// early exaggeration 12 for the first 250 iterations, momentum 0.5 then 0.8 from iteration 250,
/// gains +0.2 / ×0.8 with a floor of 0.01, learning rate max(N / exaggeration / 4, 50).
/// </summary>
public sealed record TSneOptions
{
    /// <summary>Perplexity 2^H of each conditional P(·|i): the effective number of neighbours (typical 5–50; must be below N − 1).</summary>
    public double Perplexity { get; init; } = 30;

    /// <summary>Total gradient-descent iterations.</summary>
    public int Iterations { get; init; } = 1000;

    /// <summary>Factor P is multiplied by during the first <see cref="ExaggerationIterations"/> iterations.</summary>
    public double EarlyExaggeration { get; init; } = 12;

    /// <summary>Iterations with exaggerated P.</summary>
    public int ExaggerationIterations { get; init; } = 250;

    /// <summary>Step size η; null = max(N / <see cref="EarlyExaggeration"/> / 4, 50) (scikit-learn's "auto").</summary>
    public double? LearningRate { get; init; }

    /// <summary>Momentum before <see cref="MomentumSwitchIteration"/>.</summary>
    public double InitialMomentum { get; init; } = 0.5;

    /// <summary>Momentum from <see cref="MomentumSwitchIteration"/> on.</summary>
    public double FinalMomentum { get; init; } = 0.8;

    /// <summary>Iteration at which momentum switches to <see cref="FinalMomentum"/>.</summary>
    public int MomentumSwitchIteration { get; init; } = 250;

    /// <summary>Lower bound of the per-parameter gains (delta-bar-delta).</summary>
    public double MinGain { get; init; } = 0.01;

    /// <summary>If set and the input has more columns, reduce to this many principal components first (the reference tsne.py uses 50); null = use the input as is.</summary>
    public int? PcaDimensions { get; init; } = 50;

    /// <summary>Initial placement.</summary>
    public TSneInit Init { get; init; } = TSneInit.Random;

    /// <summary>Seed of the random initialisation (stream "tsne" of <see cref="Runtime.Seeding"/>).</summary>
    public long Seed { get; init; }

    /// <summary>Tolerance on the entropy (nats) in the perplexity binary search.</summary>
    public double EntropyTolerance { get; init; } = 1e-5;

    /// <summary>Bisection steps per point in the perplexity search.</summary>
    public int MaxBisectionSteps { get; init; } = 100;

    /// <summary>Refuse inputs with more points (memory is O(N²)): subsample first.</summary>
    public int MaxPoints { get; init; } = 10_000;

    /// <summary>Report progress (KL divergence) every this many iterations; 0 = never.</summary>
    public int ProgressInterval { get; init; } = 50;

    /// <summary>Throws if a setting is out of range.</summary>
    public void Validate()
    {
        if (!(Perplexity >= 1)) throw new ArgumentOutOfRangeException(nameof(Perplexity), $"Perplexity must be at least 1; got {Perplexity}.");
        if (Iterations < 1) throw new ArgumentOutOfRangeException(nameof(Iterations), "Iterations must be at least 1.");
        if (!(EarlyExaggeration >= 1)) throw new ArgumentOutOfRangeException(nameof(EarlyExaggeration), "EarlyExaggeration must be at least 1.");
        if (ExaggerationIterations < 0 || MomentumSwitchIteration < 0) throw new ArgumentOutOfRangeException(nameof(ExaggerationIterations), "Iteration counts must be non-negative.");
        if (LearningRate is { } lr && !(lr > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), "LearningRate must be positive.");
        if (!(MinGain > 0)) throw new ArgumentOutOfRangeException(nameof(MinGain), "MinGain must be positive.");
        if (PcaDimensions is < 2) throw new ArgumentOutOfRangeException(nameof(PcaDimensions), "PcaDimensions must be at least 2 (or null).");
        if (!(EntropyTolerance > 0) || MaxBisectionSteps < 1) throw new ArgumentOutOfRangeException(nameof(EntropyTolerance), "The perplexity search needs a positive tolerance and at least one step.");
    }
}
