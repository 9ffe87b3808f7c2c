using System.Diagnostics;
using TorchSharp;
using Workbench.Training.Records;
using static TorchSharp.torch;

namespace Workbench.Training;

/// <summary>How the <see cref="Trainer"/> reports an interrupted or diverged run.</summary>
public sealed partial class Trainer
{
    private TrainingOutcome Interrupted(RunStatus status, int epoch, int stepInEpoch, Stopwatch epochClock)
    {
        State.TrainSeconds += epochClock.Elapsed.TotalSeconds;
        string why = status == RunStatus.Cancelled ? "Cancelled" : "Stopped: the wall-clock budget ran out";
        string kept = _checkpointEpoch is { } e
            ? $"The last checkpoint holds {e} completed epochs ({_checkpointPath}); resuming restarts epoch {e} and reaches the same result as an uninterrupted run."
            : "No checkpoint was written (no checkpoint path).";
        return new TrainingOutcome(status, State, $"{why} in epoch {epoch} (0-based) before step {stepInEpoch} of {StepsPerEpoch}. {kept}");
    }

    private TrainingOutcome Diverged(int epoch, int stepInEpoch, long global, string quantity, IReadOnlyList<(string Name, double Value)> values,
        (long Step, IReadOnlyList<(string, double)> Values)? lastFinite, Stopwatch epochClock)
    {
        State.TrainSeconds += epochClock.Elapsed.TotalSeconds;
        var bad = values.ToDictionary(v => v.Name, v => v.Value);
        var finite = lastFinite?.Values.ToDictionary(v => v.Item1, v => v.Item2);
        var report = new DivergenceReport(epoch, stepInEpoch, global, quantity, bad, lastFinite?.Step, finite, _checkpointEpoch, _checkpointPath);
        string Fmt(IReadOnlyDictionary<string, double> d) => string.Join(", ", d.Select(p => $"{p.Key}={HistoryCsv.Number(p.Value)}"));
        string lastText = finite is null ? "No step had finite losses." : $"Last finite losses (global step {lastFinite!.Value.Step}): {Fmt(finite)}.";
        string kept = _checkpointEpoch is { } e ? $"The last checkpoint ({e} completed epochs) is kept at {_checkpointPath}." : "No checkpoint was written.";
        string message = $"Training diverged: {quantity} is {HistoryCsv.Number(bad[quantity])} at epoch {epoch}, step {stepInEpoch} of the epoch (global step {global}; all 0-based); " +
                         $"values at that step: {Fmt(bad)}. {lastText} {kept} The run was stopped before the optimizer applied that step. " +
                         "Lower training.optimizer.learningRate or set training.gradientClipNorm (a new configuration, so a new run).";
        return new TrainingOutcome(RunStatus.Diverged, State, message, report);
    }
}
