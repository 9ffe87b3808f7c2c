using TorchSharp;

namespace Workbench.Runtime;

/// <summary>
/// One seed for every random source of the library. <see cref="SeedEverything"/> seeds torch's
/// global generators (CPU and CUDA); library code that needs its own stream asks for
/// <see cref="NewRandom"/> or <see cref="NewGenerator"/> with a stream name, so streams are
/// independent of each other and of call order.
/// </summary>
public static class Seeding
{
    /// <summary>The seed set by the last <see cref="SeedEverything"/> call (0 before any).</summary>
    public static long CurrentSeed { get; private set; }

    /// <summary>Seeds torch's global CPU and CUDA generators and sets <see cref="CurrentSeed"/>.</summary>
    public static void SeedEverything(long seed)
    {
        TorchRuntime.EnsureLoaded();
        CurrentSeed = seed;
        torch.manual_seed(seed);
        if (DeviceSelector.IsCudaAvailable()) torch.cuda.manual_seed_all(seed);
    }

    /// <summary>A <see cref="Random"/> for a named stream, derived from <paramref name="seed"/> (default <see cref="CurrentSeed"/>).</summary>
    public static Random NewRandom(string stream, long? seed = null) => new(unchecked((int)Derive(stream, seed)));

    /// <summary>A torch generator for a named stream, derived from <paramref name="seed"/> (default <see cref="CurrentSeed"/>).</summary>
    public static torch.Generator NewGenerator(string stream, long? seed = null, torch.Device? device = null)
    {
        TorchRuntime.EnsureLoaded();
        var g = new torch.Generator(0, device ?? torch.CPU);
        g.manual_seed(Derive(stream, seed) & long.MaxValue);
        return g;
    }

    /// <summary>Stable 64-bit mix of a seed and a stream name (FNV-1a over the name, then SplitMix64).</summary>
    public static long Derive(string stream, long? seed = null)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in stream)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        ulong z = h ^ (ulong)(seed ?? CurrentSeed) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (long)(z ^ (z >> 31));
    }
}
