using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Clustering;

/// <summary>Turns a transport plan (e.g. from <see cref="Sinkhorn"/>) into a hard matching π of rows to columns.</summary>
public static class TransportPermutation
{
    /// <summary>The matching π with π(i) = the column row i is sent to.</summary>
    /// <param name="plan">Transport plan <c>[n, m]</c>, any floating dtype and device (copied to the CPU).</param>
    /// <param name="method"><see cref="PermutationMethod.Hungarian"/> (default): the assignment maximising Σ_i P_iπ(i),
    /// exact, a permutation when n = m (n &gt; m leaves n − m rows at −1). <see cref="PermutationMethod.RowArgmax"/>: π(i) = argmax_j P_ij
    /// (lowest index on ties), which may repeat columns.</param>
    /// <returns>π as an array of length n.</returns>
    public static int[] FromPlan(Tensor plan, PermutationMethod method = PermutationMethod.Hungarian)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.dim() != 2) throw new ArgumentException($"A transport plan must be 2-D; got shape [{string.Join(", ", plan.shape)}].", nameof(plan));
        return method switch
        {
            PermutationMethod.Hungarian => Hungarian.Solve(plan, maximize: true),
            PermutationMethod.RowArgmax => RowArgmax(plan),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown permutation method."),
        };
    }

    /// <summary>Whether <paramref name="pi"/> is a permutation of 0 … n−1.</summary>
    public static bool IsPermutation(IReadOnlyList<int> pi)
    {
        ArgumentNullException.ThrowIfNull(pi);
        var seen = new bool[pi.Count];
        foreach (int j in pi)
        {
            if (j < 0 || j >= pi.Count || seen[j]) return false;
            seen[j] = true;
        }
        return true;
    }

    private static int[] RowArgmax(Tensor plan)
    {
        using var cpu = plan.detach().to(ScalarType.Float64, torch.CPU).contiguous();
        int n = (int)cpu.shape[0], m = (int)cpu.shape[1];
        var values = cpu.data<double>().ToArray();
        var result = new int[n];
        for (int i = 0; i < n; i++)
        {
            int best = 0;
            for (int j = 1; j < m; j++)
                if (values[i * m + j] > values[i * m + best]) best = j;
            result[i] = best;
        }
        return result;
    }
}
