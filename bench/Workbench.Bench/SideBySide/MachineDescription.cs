using System.Runtime.Intrinsics.X86;

namespace Workbench.Bench.SideBySide;

/// <summary>What every recorded number states about the machine: CPU model, SIMD level, cores, load.</summary>
public static class MachineDescription
{
    /// <summary>CPU model name, family and model number from <c>/proc/cpuinfo</c> (virtual machines often hide the name), or "unknown".</summary>
    public static string CpuModel()
    {
        try
        {
            string[] lines = File.ReadLines("/proc/cpuinfo").TakeWhile(l => l.Length > 0).ToArray();
            string Field(string name) =>
                lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal) && l[name.Length..].TrimStart().StartsWith(':')) is { } line
                    ? line[(line.IndexOf(':') + 1)..].Trim() : "?";
            string model = Field("model name");
            return model == "?" ? "unknown" : $"{model} (family {Field("cpu family")}, model {Field("model")})";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>
    /// The widest SIMD level .NET uses here: "AVX-512 (F/BW/VBMI)" (the K = 256 PQ fast scan needs
    /// VBMI), "AVX-512 (F/BW)", "AVX2" or "below AVX2".
    /// </summary>
    public static string SimdLevel() =>
        Avx512F.IsSupported && Avx512BW.IsSupported ? Avx512Vbmi.IsSupported ? "AVX-512 (F/BW/VBMI)" : "AVX-512 (F/BW)"
        : Avx2.IsSupported ? "AVX2" : "below AVX2";

    /// <summary>The 1-minute load average from <c>/proc/loadavg</c> (NaN when unreadable).</summary>
    public static double LoadAverage()
    {
        try
        {
            string first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>One line: model, SIMD level, logical cores.</summary>
    public static string Summary() => $"{CpuModel()}, {SimdLevel()}, {Environment.ProcessorCount} cores";
}
