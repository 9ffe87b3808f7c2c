using TorchSharp;

namespace Workbench.Reporting.Embedding;

/// <summary>The output of <see cref="TSne.Embed"/>.</summary>
/// <param name="Embedding">The map, [N, 2], float64, centred at 0, on the input's device.</param>
/// <param name="KlDivergence">Final KL(P‖Q) (without exaggeration), nats.</param>
/// <param name="LearningRate">The step size used.</param>
/// <param name="Betas">Per-point precision β_i = 1/(2σ_i²) found by the perplexity search (on the possibly PCA-reduced input).</param>
public sealed record TSneResult(torch.Tensor Embedding, double KlDivergence, double LearningRate, double[] Betas) : IDisposable
{
    /// <inheritdoc/>
    public void Dispose() => Embedding.Dispose();
}
