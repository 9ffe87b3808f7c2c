namespace Workbench.Retrieval;

/// <summary>Instruction set used by the PQ index's ADC scan.</summary>
public enum PqScanKernel
{
    /// <summary>
    /// <see cref="FastScan"/> for K ≤ 16 where the CPU has AVX2 (else the permute kernels or the
    /// scalar loop); <see cref="FastScanVbmi"/> for 16 &lt; K ≤ 256 where the CPU has AVX-512 VBMI,
    /// else the scalar loop, which measured fastest of the float kernels there.
    /// </summary>
    Auto,

    /// <summary>Portable loop over 16 lanes with independent sums (any CPU).</summary>
    Scalar,

    /// <summary>AVX2: 8 lanes; K ≤ 16 by in-register permutes, larger K by gathers.</summary>
    Avx2,

    /// <summary>AVX-512F: 16 lanes; K ≤ 16 by one permute, larger K by two-table permutes and blends.</summary>
    Avx512,

    /// <summary>
    /// K ≤ 16: 4-bit codes in 32-item blocks, byte look-up tables quantized per query and looked up
    /// with byte shuffles (AVX-512BW when present, else AVX2), 16-bit sums, then exact re-ranking of
    /// every item the quantization bound cannot rule out, so results equal exact ADC. Larger K (or a
    /// CPU without AVX2/BMI2) runs what <see cref="Auto"/> picks for it.
    /// </summary>
    FastScan,

    /// <summary><see cref="FastScan"/> restricted to 256-bit AVX2 shuffles (what an AVX2-only CPU runs).</summary>
    FastScanAvx2,

    /// <summary>
    /// K ≤ 256: 8-bit codes in 64-item blocks, byte look-up tables quantized per query and looked up
    /// 64 codes at a time with AVX-512 VBMI two-register byte permutes, 16-bit sums, then exact
    /// re-ranking as in <see cref="FastScan"/>, so results equal exact ADC. A CPU without
    /// AVX-512 VBMI (or M &gt; 128) runs what <see cref="Auto"/> picks instead.
    /// </summary>
    FastScanVbmi,
}
