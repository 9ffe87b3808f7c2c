using System.Text.Json;
using Workbench.Runtime;
using Workbench.Training.Records;

namespace Workbench.Experiments.Records;

/// <summary>
/// <c>manifest.json</c>: everything needed to know what a run was and to redo it: the resolved
/// configuration and its hash, preset label, variant, seed, package versions, device, git commit,
/// start and end times, timings, status. For a multi-seed aggregate (<see cref="Kind"/> =
/// <c>aggregate</c>) <see cref="Members"/> names the per-seed runs.
/// </summary>
public sealed record RunManifest
{
    /// <summary>Format version.</summary>
    public int Schema { get; init; } = 1;

    /// <summary><c>run</c> or <c>aggregate</c>.</summary>
    public string Kind { get; init; } = RunKinds.Run;

    /// <summary>The run's folder name under the runs root.</summary>
    public string RunId { get; init; } = "";

    /// <summary>Method name.</summary>
    public string Method { get; init; } = "";

    /// <summary>Preset label.</summary>
    public string Preset { get; init; } = "";

    /// <summary>Variant.</summary>
    public string Variant { get; init; } = "";

    /// <summary>Run seed (an aggregate: the first seed).</summary>
    public long Seed { get; init; }

    /// <summary>SHA-256 (hex) of the canonical JSON of method, preset and resolved configuration.</summary>
    public string ConfigHash { get; init; } = "";

    /// <summary>The resolved configuration, as the method's record serialises.</summary>
    public JsonElement Config { get; init; }

    /// <summary>Overrides applied to the preset, in order (<c>path=value (source)</c>).</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>Current status.</summary>
    public RunStatus Status { get; init; } = RunStatus.Running;

    /// <summary>Human-readable outcome (divergence, failure, budget), or null.</summary>
    public string? Message { get; init; }

    /// <summary>How far the run got.</summary>
    public RunProgressInfo? Progress { get; init; }

    /// <summary>The learning-rate schedule as a formula.</summary>
    public string? Schedule { get; init; }

    /// <summary>Device of the latest segment.</summary>
    public string Device { get; init; } = "";

    /// <summary>torch intra-op threads of the latest segment.</summary>
    public int Threads { get; init; }

    /// <summary>OS, .NET, cores, package versions, git commit.</summary>
    public EnvironmentInfo? Environment { get; init; }

    /// <summary>When the run first started.</summary>
    public DateTimeOffset StartedUtc { get; init; }

    /// <summary>When it last ended (null while running).</summary>
    public DateTimeOffset? EndedUtc { get; init; }

    /// <summary>Time spent, summed over segments.</summary>
    public RunTimings Timings { get; init; } = new();

    /// <summary>The start and every resume.</summary>
    public IReadOnlyList<RunSegment> Segments { get; init; } = [];

    /// <summary>Set when the run diverged.</summary>
    public DivergenceReport? Divergence { get; init; }

    /// <summary>Aggregate only: the seeds.</summary>
    public IReadOnlyList<long>? Seeds { get; init; }

    /// <summary>Aggregate only: the member runs' ids, one per seed.</summary>
    public IReadOnlyList<string>? Members { get; init; }
}
