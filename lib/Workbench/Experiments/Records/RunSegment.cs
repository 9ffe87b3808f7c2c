using Workbench.Training.Records;

namespace Workbench.Experiments.Records;

/// <summary>One process's share of a run: the first start, or one resume.</summary>
/// <param name="StartedUtc">When this segment started.</param>
/// <param name="EndedUtc">When it ended (null while running or if the process was killed).</param>
/// <param name="FromEpoch">Completed epochs when it started.</param>
/// <param name="ToEpoch">Completed epochs when it ended.</param>
/// <param name="Device">Device used, e.g. <c>cpu</c>, <c>cuda:0</c>.</param>
/// <param name="Threads">torch intra-op threads.</param>
/// <param name="Status">Status at its end.</param>
public sealed record RunSegment(DateTimeOffset StartedUtc, DateTimeOffset? EndedUtc, int FromEpoch, int ToEpoch, string Device, int Threads, RunStatus Status);
