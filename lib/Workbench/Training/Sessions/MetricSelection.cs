namespace Workbench.Training.Sessions;

/// <summary>The evaluation metric that picks the best epoch, and its direction.</summary>
/// <param name="Metric">A key of <see cref="EvaluationResult.Metrics"/>, e.g. <c>mAP@1000</c>.</param>
/// <param name="Goal">Larger or smaller is better.</param>
public sealed record MetricSelection(string Metric, MetricGoal Goal = MetricGoal.Maximize)
{
    /// <summary>Whether <paramref name="candidate"/> is strictly better than <paramref name="incumbent"/> (NaN never is).</summary>
    public bool IsBetter(double candidate, double incumbent)
    {
        if (double.IsNaN(candidate)) return false;
        if (double.IsNaN(incumbent)) return true;
        return Goal == MetricGoal.Maximize ? candidate > incumbent : candidate < incumbent;
    }
}
