using TorchSharp;

namespace Workbench.Runtime;

/// <summary>Torch's intra-op thread count: an explicit value, else <c>WORKBENCH_THREADS</c>, else the core count.</summary>
public static class Threads
{
    /// <summary>Environment variable read by <see cref="Configure"/> when no count is given.</summary>
    public const string EnvironmentVariable = "WORKBENCH_THREADS";

    /// <summary>Sets torch's intra-op thread count and returns it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count below 1.</exception>
    public static int Configure(int? count = null)
    {
        int n = count ?? (int.TryParse(Environment.GetEnvironmentVariable(EnvironmentVariable), out var e) ? e : Environment.ProcessorCount);
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(count), n, "The thread count must be at least 1.");
        TorchRuntime.EnsureLoaded();
        torch.set_num_threads(n);
        return n;
    }

    /// <summary>torch's current intra-op thread count.</summary>
    public static int Current
    {
        get
        {
            TorchRuntime.EnsureLoaded();
            return torch.get_num_threads();
        }
    }
}
