namespace Workbench.Retrieval;

/// <summary>
/// The per-sub-space distance that asymmetric (ADC) and symmetric (SDC) PQ distances sum over
/// the M sub-spaces.
/// </summary>
public enum PqSubDistance
{
    /// <summary>‖q_m − c_mk‖₂²: textbook ADC (Jégou et al. 2011; FAISS IndexPQ). The sum is the squared distance to the decoded vector.</summary>
    Squared,

    /// <summary>‖q_m − c_mk‖₂ (not squared): SPQ's official evaluation (<c>pqDist_one</c>, papers.md 2.4). The sum is not a distance to the decoded vector.</summary>
    Euclidean,
}
