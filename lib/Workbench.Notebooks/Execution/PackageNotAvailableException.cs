namespace Workbench.Notebooks.Execution;

/// <summary>A <c>#r "nuget: …"</c> names a package the runner does not carry (the runner never downloads).</summary>
public sealed class PackageNotAvailableException : Exception
{
    /// <summary>Creates the exception with a message that lists what is available.</summary>
    public PackageNotAvailableException(string message) : base(message)
    {
    }
}
