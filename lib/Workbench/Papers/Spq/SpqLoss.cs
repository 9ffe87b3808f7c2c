namespace Workbench.Papers.Spq;

/// <summary>Which contrastive loss trains the SPQ model (papers.md 2.2 and the SPQ-C ablation).</summary>
public enum SpqLoss
{
    /// <summary>Cross-quantized contrastive loss: NT-Xent([x̂^a; ẑ^b]) + NT-Xent([x̂^b; ẑ^a]) (<see cref="Losses.CrossQuantizedContrastiveLoss"/>).</summary>
    Cross,

    /// <summary>SPQ-C: plain contrastive NT-Xent([ẑ^a; ẑ^b]) (<see cref="Losses.PlainQuantizedContrastiveLoss"/>).</summary>
    Plain,
}
