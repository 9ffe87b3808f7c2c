namespace Workbench.Experiments.Records;

/// <summary>Values of <see cref="RunManifest.Kind"/>.</summary>
public static class RunKinds
{
    /// <summary>One trained run.</summary>
    public const string Run = "run";

    /// <summary>Mean and standard deviation over several seeds' runs.</summary>
    public const string Aggregate = "aggregate";
}
