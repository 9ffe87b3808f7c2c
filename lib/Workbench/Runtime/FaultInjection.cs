using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Workbench.Runtime;

/// <summary>
/// Named points at which the fault-injection tests make a process die exactly as a <c>SIGKILL</c> would
/// (nothing is flushed, no handler runs), so that a kill lands in the middle of a checkpoint write, right
/// after one, or during an evaluation every time rather than by chance. <c>WORKBENCH_FAULT=point@n</c>
/// (several separated by commas) kills the process the <c>n</c>-th time (1-based) it reaches <c>point</c>.
/// Points: <c>write:&lt;file&gt;</c> (the content of a record or checkpoint, e.g. <c>write:last.ckpt</c>, is in its
/// temporary file, not yet renamed over the old one), <c>renamed:&lt;file&gt;</c> (just renamed, folder not yet
/// synced), <c>step</c> (after an optimizer step), <c>eval</c> (an evaluation has run, its result not yet
/// recorded). A point written <c>throw:&lt;point&gt;@n</c> instead throws an <see cref="ExternalException"/> there, as a
/// libtorch error would (TorchSharp's Scalar finalizer race surfaces that way), so the callers' recovery can be tested.
/// Unset (the normal case), <see cref="Reach"/> returns at once.
/// </summary>
public static class FaultInjection
{
    /// <summary>The environment variable naming the points: <c>point@n[,point@n…]</c>.</summary>
    public const string EnvironmentVariable = "WORKBENCH_FAULT";

    private static readonly Lazy<Dictionary<string, int>?> Targets = new(() => Parse(Environment.GetEnvironmentVariable(EnvironmentVariable)));
    private static readonly Dictionary<string, int> Reached = new(StringComparer.Ordinal);

    /// <summary>Counts a visit of <paramref name="point"/> and kills the process when it is the armed visit.</summary>
    /// <exception cref="ArgumentException">The variable is set but is not <c>point@n[,point@n…]</c>.</exception>
    /// <exception cref="ExternalException">The armed visit of a <c>throw:</c> point.</exception>
    public static void Reach(string point)
    {
        if (Targets.Value is not { } targets) return;
        if (Armed(targets, point)) Process.GetCurrentProcess().Kill(); // SIGKILL on POSIX: no handler, no flush
        if (Armed(targets, ThrowPrefix + point)) throw new ExternalException($"{EnvironmentVariable}: injected native error at '{point}'.");
    }

    /// <summary>Prefix of a point that throws instead of killing.</summary>
    public const string ThrowPrefix = "throw:";

    private static bool Armed(Dictionary<string, int> targets, string key)
    {
        if (!targets.TryGetValue(key, out int target)) return false;
        lock (Reached)
        {
            int count = Reached[key] = Reached.GetValueOrDefault(key) + 1;
            return count == target;
        }
    }

    private static Dictionary<string, int>? Parse(string? spec)
    {
        if (string.IsNullOrWhiteSpace(spec)) return null;
        var targets = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int at = part.LastIndexOf('@');
            if (at <= 0 || !int.TryParse(part[(at + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1)
            {
                throw new ArgumentException($"{EnvironmentVariable}: '{part}' is not point@n (n ≥ 1), e.g. write:last.ckpt@2.");
            }
            targets[part[..at]] = n;
        }
        return targets;
    }
}
