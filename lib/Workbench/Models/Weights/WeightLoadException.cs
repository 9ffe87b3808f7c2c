namespace Workbench.Models.Weights;

/// <summary>A strict checkpoint load found differences; <see cref="Report"/> lists them. Nothing was loaded.</summary>
public sealed class WeightLoadException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public WeightLoadException(string message, WeightLoadReport report) : base(message) => Report = report;

    /// <summary>What matched and what did not.</summary>
    public WeightLoadReport Report { get; }
}
