using Plotly.NET;

namespace Workbench.Reporting.Charts;

/// <summary>
/// One colour per method name, the same in every chart that uses the same palette. A name's
/// preferred slot is a stable hash (FNV-1a of the trimmed, lower-cased name) into
/// <see cref="Colors"/>; if another name already holds that slot in this palette, the next free
/// slot is taken (linear probing), so methods shown together never share a colour while fewer
/// than <see cref="Colors"/>.Length names are in use. <see cref="Pin"/> fixes a colour explicitly.
/// </summary>
/// <remarks>All chart builders use <see cref="Shared"/> unless given another palette, so a report
/// built in one process colours "SPQ" identically in its bar chart, curves and tables.</remarks>
public sealed class MethodPalette
{
    /// <summary>20 qualitative colours (Tableau 10, then its lighter companions), as <c>#rrggbb</c>.</summary>
    public static readonly IReadOnlyList<string> Colors =
    [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
        "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5",
    ];

    /// <summary>The palette every chart builder uses by default.</summary>
    public static MethodPalette Shared { get; } = new();

    private readonly Dictionary<string, string> _assigned = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The colour (<c>#rrggbb</c>) of <paramref name="method"/>; assigns one on first use.</summary>
    public string HexOf(string method)
    {
        string key = Normalize(method);
        lock (_gate)
        {
            if (_assigned.TryGetValue(key, out var hex)) return hex;
            var taken = _assigned.Values.ToHashSet(StringComparer.OrdinalIgnoreCase);
            int start = PreferredSlot(key);
            for (int i = 0; i < Colors.Count; i++)
            {
                string candidate = Colors[(start + i) % Colors.Count];
                if (!taken.Contains(candidate))
                {
                    _assigned[key] = candidate;
                    return candidate;
                }
            }
            // More names than colours: fall back to the preferred slot (a shared colour).
            return _assigned[key] = Colors[start];
        }
    }

    /// <summary>The colour of <paramref name="method"/> as a Plotly.NET <see cref="Color"/>.</summary>
    public Color ColorOf(string method) => Color.fromHex(HexOf(method));

    /// <summary>Fixes the colour of <paramref name="method"/> (any <c>#rrggbb</c>), replacing an earlier assignment.</summary>
    public void Pin(string method, string hex)
    {
        if (hex.Length != 7 || hex[0] != '#' || !hex.Skip(1).All(char.IsAsciiHexDigit))
            throw new ArgumentException($"Colour '{hex}' is not of the form #rrggbb.", nameof(hex));
        lock (_gate) _assigned[Normalize(method)] = hex.ToLowerInvariant();
    }

    /// <summary>The hash slot a name prefers before probing (stable across processes and platforms).</summary>
    public static int PreferredSlot(string method)
    {
        uint h = 2166136261;
        foreach (char c in Normalize(method))
        {
            h ^= c;
            h *= 16777619;
        }
        return (int)(h % (uint)Colors.Count);
    }

    private static string Normalize(string method)
    {
        if (string.IsNullOrWhiteSpace(method)) throw new ArgumentException("A method name must not be empty.", nameof(method));
        return method.Trim().ToLowerInvariant();
    }
}
