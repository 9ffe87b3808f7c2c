namespace Workbench.Cli.Slurm;

/// <summary>Slurm is not reachable from here or refused a request; the message says what to do.</summary>
public sealed class SlurmException : Exception
{
    /// <summary>An error with a message.</summary>
    public SlurmException(string message) : base(message) { }

    /// <summary>An error with a message and its cause.</summary>
    public SlurmException(string message, Exception inner) : base(message, inner) { }
}
