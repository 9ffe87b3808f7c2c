using System.Runtime.InteropServices;

namespace Workbench.Runtime;

/// <summary>
/// The instruction-set extensions that decide which CPU kernels libtorch runs (ATen's vectorised
/// ops, oneDNN convolutions, MKL matrix products) and so how results round. The same run on an
/// AVX2-only and on an AVX-512 machine differs from the first epoch on (measured on the UCDIR reduced
/// preset: epoch-0 loss 189.588525 with the machine's AVX-512 kernels vs 189.588609 with
/// <c>ATEN_CPU_CAPABILITY=avx2 DNNL_MAX_CPU_ISA=AVX2</c>), which is why it is part of a run's identity.
/// </summary>
public static class CpuKernels
{
    private static readonly string[] Flags = ["avx2", "avx512f", "avx512_vnni", "avx512_bf16", "avx512_fp16", "amx_tile"];
    private static readonly string[] Overrides = ["ATEN_CPU_CAPABILITY", "DNNL_MAX_CPU_ISA", "MKL_ENABLE_INSTRUCTIONS", "MKL_CBWR"];
    private static readonly Lazy<string> Value = new(Describe);

    /// <summary>E.g. <c>x64 avx2 avx512f avx512_vnni avx512_bf16</c>, plus any kernel-selecting environment variable (<c>ATEN_CPU_CAPABILITY=avx2</c>).</summary>
    public static string Current => Value.Value;

    private static string Describe()
    {
        var parts = new List<string> { RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant() };
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal));
                var present = new HashSet<string>((line ?? "").Split([' ', '\t', ':'], StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
                parts.AddRange(Flags.Where(present.Contains));
            }
        }
        catch (IOException)
        {
            // no cpuinfo: the architecture alone
        }
        foreach (var name in Overrides)
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } v) parts.Add($"{name}={v}");
        }
        return string.Join(' ', parts);
    }
}
