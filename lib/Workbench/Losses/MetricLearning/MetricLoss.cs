using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Losses.MetricLearning;

/// <summary>
/// A label-based metric-learning loss over one batch: forward(embeddings [m, d] float,
/// labels [m] int32/int64) → 0-d loss tensor (same dtype and device as the embeddings).
/// Every loss of the facility-location ablation derives from it, so a loss is a configuration
/// value that can be swapped without branching the training code.
/// </summary>
public abstract class MetricLoss : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Creates the module with the given <paramref name="name"/>.</summary>
    protected MetricLoss(string name) : base(name)
    {
    }

    /// <summary>Short description for logs and ablation tables: loss, distance, reducer, miner, margins.</summary>
    public abstract string Describe();

    /// <summary>Validates the shared forward inputs.</summary>
    /// <exception cref="ArgumentException">Embeddings not [m, d] float, or labels not [m] integer.</exception>
    protected static void CheckBatch(Tensor embeddings, Tensor labels)
    {
        Distances.PairwiseDistanceExtensions.CheckEmbeddings(embeddings, nameof(embeddings));
        Miners.LabelMasks.CheckLabels(labels, embeddings.shape[0]);
        if (labels.device_type != embeddings.device_type || labels.device_index != embeddings.device_index)
        {
            throw new ArgumentException($"Labels are on {labels.device} but embeddings on {embeddings.device}; move both to one device.", nameof(labels));
        }
    }
}
