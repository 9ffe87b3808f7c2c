namespace Workbench.Training.Checkpoints;

/// <summary>The JSON part of a <see cref="TrainingCheckpoint"/>.</summary>
/// <param name="State">Trainer position, history, best and latest evaluation, times.</param>
/// <param name="Random">Every random stream of the run, torch's default generator included.</param>
/// <param name="Optimizer">The optimizer's type name (checked on load).</param>
/// <param name="SchedulePosition">The schedule position t of the next step (epoch or global step, per the schedule unit).</param>
/// <param name="ConfigHash">Hash of the run's configuration (checked on resume), or null outside recorded runs.</param>
/// <param name="SavedUtc">When it was written.</param>
public sealed record CheckpointHeader(
    TrainerState State,
    RandomStreamsState Random,
    string Optimizer,
    long SchedulePosition,
    string? ConfigHash,
    DateTimeOffset SavedUtc);
