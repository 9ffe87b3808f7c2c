namespace Workbench.Training.Sessions;

/// <summary>Whether a larger or a smaller value of a metric is better.</summary>
public enum MetricGoal
{
    /// <summary>Larger is better (accuracy, mAP, Recall@K, NMI).</summary>
    Maximize,

    /// <summary>Smaller is better (losses, error rates).</summary>
    Minimize,
}
