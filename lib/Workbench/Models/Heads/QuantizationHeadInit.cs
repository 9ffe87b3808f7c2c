namespace Workbench.Models.Heads;

/// <summary>
/// Initialisation of the SPQ quantization head's linear layer (weight <c>fc.weight</c>) and
/// codebook <c>C</c>, as the official code had it over its history (papers.md 2.3, youngkyunJang/SPQ).
/// </summary>
public enum QuantizationHeadInit
{
    /// <summary>Current official code (a0c7414, Dec 2021): linear with bias (PyTorch-default U(±1/√in)), weight and C Xavier-uniform (gain 1).</summary>
    XavierUniformWithBias,

    /// <summary>First release (4e487f1): linear without bias, weight and C Xavier-normal with gain 0.1.</summary>
    XavierNormalNoBiasGain01,

    /// <summary>Second version (a3fd439): linear without bias, weight and C Xavier-normal with gain 1.0.</summary>
    XavierNormalNoBiasGain1,
}
