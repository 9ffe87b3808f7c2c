namespace Workbench.Reporting.Charts;

/// <summary>One run's history to overlay in a training-curve chart.</summary>
/// <param name="Label">Legend entry, e.g. <c>"SPQ seed 1"</c>.</param>
/// <param name="History">The run's history.csv.</param>
/// <param name="Method">Colour key (runs of one method share a colour and differ in dash); defaults to <paramref name="Label"/>.</param>
public sealed record TrainingRun(string Label, TrainingHistory History, string? Method = null)
{
    /// <summary>The key used for the run's colour.</summary>
    public string ColorKey => Method ?? Label;

    /// <summary>Loads <paramref name="historyCsvPath"/> as a run.</summary>
    public static TrainingRun Load(string label, string historyCsvPath, string? method = null) =>
        new(label, TrainingHistory.Load(historyCsvPath), method);
}
