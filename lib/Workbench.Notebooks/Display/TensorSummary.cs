using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Notebooks.Display;

/// <summary>
/// A short text for a tensor: shape, dtype and device; the values when there are at most
/// <see cref="MaxValues"/> elements, otherwise min, max, mean and standard deviation.
/// </summary>
public static class TensorSummary
{
    /// <summary>Tensors with at most this many elements show their values.</summary>
    public const int MaxValues = 64;

    /// <summary>The summary, e.g. <c>Tensor [2, 3] Float32 cpu</c> followed by the values or statistics.</summary>
    public static string Describe(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var inv = CultureInfo.InvariantCulture;
        string head = $"Tensor [{string.Join(", ", tensor.shape)}] {tensor.dtype} {tensor.device}" + (tensor.requires_grad ? " requires_grad" : "");
        if (tensor.IsInvalid) return head + " (disposed)";
        long n = tensor.numel();
        if (n == 0) return head;
        if (n <= MaxValues)
        {
            string values = tensor.ToString(TorchSharp.TensorStringStyle.Julia, "g6", 100, inv, "\n");
            int nl = values.IndexOf('\n');
            return head + (nl >= 0 ? values[nl..] : "\n" + values);
        }
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var t = tensor.detach().cpu();
        if (t.dtype == ScalarType.Bool) t = t.to_type(ScalarType.Int64);
        if (!t.is_floating_point() && !t.is_complex())
            return head + $"\nmin {t.min().item<long>().ToString(inv)}, max {t.max().item<long>().ToString(inv)}";
        if (t.is_complex()) return head;
        var d = t.to_type(ScalarType.Float64);
        return head + string.Format(inv, "\nmin {0:g6}, max {1:g6}, mean {2:g6}, std {3:g6}",
            d.min().item<double>(), d.max().item<double>(), d.mean().item<double>(), d.std().item<double>());
    }
}
