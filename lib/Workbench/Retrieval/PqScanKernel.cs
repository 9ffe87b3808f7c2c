namespace Workbench.Retrieval;

/// <summary>Instruction set used by the PQ index's ADC scan.</summary>
public enum PqScanKernel
{
    /// <summary>The fastest kernel this CPU supports.</summary>
    Auto,

    /// <summary>Portable scalar loop (any CPU).</summary>
    Scalar,

    /// <summary>AVX2: 8 lanes; K ≤ 16 by in-register permutes, larger K by gathers.</summary>
    Avx2,

    /// <summary>AVX-512F: 16 lanes; K ≤ 16 by one permute, larger K by two-table permutes and blends.</summary>
    Avx512,
}
