namespace Workbench.Reporting.Embedding;

/// <summary>A t-SNE progress report.</summary>
/// <param name="Iteration">Iterations done.</param>
/// <param name="Total">Iterations planned.</param>
/// <param name="KlDivergence">KL(P‖Q) at this iteration (with the exaggerated P while exaggeration is on).</param>
public readonly record struct TSneProgress(int Iteration, int Total, double KlDivergence);
