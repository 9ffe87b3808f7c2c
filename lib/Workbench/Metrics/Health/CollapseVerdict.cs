namespace Workbench.Metrics.Health;

/// <summary>Whether a run's representation collapsed (<see cref="HealthMetrics.Judge"/>), recorded in its <c>metrics.json</c>.</summary>
/// <param name="Checked">Whether any health signal was available (false for records written before the signals existed and no other check applied).</param>
/// <param name="Collapsed">Whether any signal crossed its threshold.</param>
/// <param name="Reasons">One line per crossed threshold, naming the signal and its value.</param>
/// <param name="Source">What was judged: <c>final evaluation</c>, or a method's check of the training history for older records.</param>
public sealed record CollapseVerdict(bool Checked, bool Collapsed, IReadOnlyList<string> Reasons, string Source)
{
    /// <summary>No signal available.</summary>
    public static CollapseVerdict Unchecked { get; } = new(false, false, [], "none");

    /// <summary>One line: <c>collapsed: reason; reason</c>, <c>healthy</c> or <c>not checked</c>.</summary>
    public override string ToString() => !Checked ? "not checked" : Collapsed ? $"collapsed ({Source}): {string.Join("; ", Reasons)}" : "healthy";
}
