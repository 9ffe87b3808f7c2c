using TorchSharp;
using Workbench.Experiments;
using static TorchSharp.torch;

namespace Workbench.Training.Sessions;

/// <summary>
/// The session of a method that fits rather than trains (product quantization by k-means, PCA, random hyperplanes):
/// no parameters, no optimizer, no epochs. The experiment runner (<c>Workbench.Experiments.ExperimentRunner</c>) calls <see cref="Fit"/> once
/// (timed as training) and <see cref="TrainingSession.Evaluate"/> once (the final evaluation), and records the run like
/// any other: manifest, <c>metrics.json</c> (final = best), <c>per-query.csv</c>, reuse by configuration hash.
/// </summary>
public abstract class FitOnlySession : TrainingSession
{
    private readonly nn.Module _none = nn.Sequential();

    /// <summary>An empty module: a fit-only method has no trained parameters.</summary>
    public sealed override nn.Module Model => _none;

    /// <summary>One (a fit-only run has no steps).</summary>
    public sealed override int StepsPerEpoch => 1;

    /// <summary>Not used: a fit-only run has no training steps.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public sealed override StepOutput TrainStep(StepContext context) =>
        throw new NotSupportedException($"{GetType().Name} fits in {nameof(Fit)}; it has no training steps.");

    /// <summary>Fits the method on its training data (no labels); everything random comes from the context's streams or the run seed.</summary>
    public abstract void Fit();
}
