namespace Workbench.Experiments.Records;

/// <summary>How a recorded run stands against the current run identity (<see cref="RunIdentity.Match"/>).</summary>
public enum RecordMatch
{
    /// <summary>The same experiment: configuration, data, code version, device, CPU kernels and threads agree.</summary>
    Same,

    /// <summary>The same configuration, data, code version and device, trained on other CPU kernels or another thread count:
    /// a fresh run here differs from it in rounding that grows over training (<c>workbench reproduce</c> bounds it).</summary>
    OtherEnvironment,

    /// <summary>The record was written before runs carried an identity, so it cannot be compared.</summary>
    Unknown,

    /// <summary>Another experiment: its data, code version or device differ.</summary>
    Different,
}
