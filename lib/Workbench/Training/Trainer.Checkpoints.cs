using System.Diagnostics;
using TorchSharp;
using Workbench.Training.Checkpoints;
using Workbench.Training.Schedules;
using static TorchSharp.torch;

namespace Workbench.Training;

/// <summary>Checkpoint capture and writing of the <see cref="Trainer"/>.</summary>
public sealed partial class Trainer
{
    /// <summary>Writes a checkpoint of the current state (epoch boundary) to <paramref name="path"/>.</summary>
    public void SaveCheckpoint(string path) => SaveCheckpoint(path, isResumePoint: true);

    /// <summary>The checkpoint of the current state, in memory.</summary>
    public TrainingCheckpoint CaptureCheckpoint()
    {
        using var model = new MemoryStream();
        using (var w = new BinaryWriter(model, System.Text.Encoding.UTF8, leaveOpen: true)) _session.Model.save(w);
        using var opt = new MemoryStream();
        using (var w = new BinaryWriter(opt, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            if (_optimizer is TorchSharp.Modules.OptimizerHelper helper) helper.save_state_dict(w);
            else throw new InvalidOperationException($"Optimizer {_optimizer.GetType().Name} cannot save its state.");
        }
        using var session = new MemoryStream();
        using (var w = new BinaryWriter(session, System.Text.Encoding.UTF8, leaveOpen: true)) _session.SaveState(w);
        long position = _settings.Schedule.Unit == ScheduleUnit.Epoch ? State.Epoch : State.Step;
        var header = new CheckpointHeader(Copy(State), _context.Random.Capture(), _optimizer.GetType().Name, position, _configHash, DateTimeOffset.UtcNow);
        return new TrainingCheckpoint(header, model.ToArray(), opt.ToArray(), session.ToArray());
    }

    private void SaveCheckpoint(string path, bool isResumePoint)
    {
        var clock = Stopwatch.StartNew();
        CaptureCheckpoint().Write(path);
        State.CheckpointSeconds += clock.Elapsed.TotalSeconds;
        if (isResumePoint)
        {
            _checkpointEpoch = State.Epoch;
            _checkpointPath = path;
        }
    }

    private static TrainerState Copy(TrainerState s) => new()
    {
        Epoch = s.Epoch,
        Step = s.Step,
        History = [.. s.History],
        Best = s.Best,
        Last = s.Last,
        TrainSeconds = s.TrainSeconds,
        EvalSeconds = s.EvalSeconds,
        CheckpointSeconds = s.CheckpointSeconds,
    };
}
