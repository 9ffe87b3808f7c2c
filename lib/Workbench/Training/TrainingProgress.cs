namespace Workbench.Training;

/// <summary>A progress report of a running trainer (through <see cref="IProgress{T}"/>; throttled, plus one per epoch end).</summary>
/// <param name="Phase"><c>train</c>, <c>eval</c> or <c>epoch</c> (an epoch just ended).</param>
/// <param name="Epoch">0-based current epoch (after an epoch end: the one that ended).</param>
/// <param name="TotalEpochs">Epochs in the run.</param>
/// <param name="Step">Optimizer steps completed.</param>
/// <param name="TotalSteps">Optimizer steps in the run.</param>
/// <param name="LearningRate">Current learning rate.</param>
/// <param name="Losses">Running means of the current epoch's losses (<c>loss</c> and parts).</param>
/// <param name="Metrics">Metrics of the latest evaluation, or null.</param>
/// <param name="Elapsed">Wall-clock time of this segment.</param>
public sealed record TrainingProgress(
    string Phase,
    int Epoch,
    int TotalEpochs,
    long Step,
    long TotalSteps,
    double LearningRate,
    IReadOnlyDictionary<string, double> Losses,
    IReadOnlyDictionary<string, double>? Metrics,
    TimeSpan Elapsed)
{
    /// <summary>Fraction of the run's steps done, in [0, 1].</summary>
    public double Fraction => TotalSteps <= 0 ? 1 : Math.Clamp((double)Step / TotalSteps, 0, 1);
}
