namespace Workbench.Retrieval;

/// <summary>Instruction set used by the PQ index's ADC scan.</summary>
public enum PqScanKernel
{
    /// <summary>SIMD permutes for K ≤ 16 (AVX-512, else AVX2, else scalar); the scalar loop for larger K, which measured fastest there.</summary>
    Auto,

    /// <summary>Portable loop over 16 lanes with independent sums (any CPU).</summary>
    Scalar,

    /// <summary>AVX2: 8 lanes; K ≤ 16 by in-register permutes, larger K by gathers.</summary>
    Avx2,

    /// <summary>AVX-512F: 16 lanes; K ≤ 16 by one permute, larger K by two-table permutes and blends.</summary>
    Avx512,
}
