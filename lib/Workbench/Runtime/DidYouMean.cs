namespace Workbench.Runtime;

/// <summary>
/// "Did you mean …?" for names people type (datasets, methods, presets, setting paths, commands):
/// the candidates closest to the input by optimal-string-alignment distance (Levenshtein plus
/// adjacent transpositions), compared case-insensitively with <c>-</c>, <c>_</c> and spaces ignored.
/// </summary>
public static class DidYouMean
{
    /// <summary>
    /// The candidates within a typo's distance of <paramref name="input"/> (at most 1 edit for names up to
    /// 4 characters, 2 up to 8, else 3), closest first, ties in the candidates' order; at most <paramref name="max"/>.
    /// </summary>
    public static IReadOnlyList<string> Closest(string input, IEnumerable<string> candidates, int max = 3)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        string wanted = Normalize(input ?? "");
        if (wanted.Length == 0) return [];
        int limit = wanted.Length <= 4 ? 1 : wanted.Length <= 8 ? 2 : 3;
        return candidates
            .Select((c, i) => (Candidate: c, Index: i, Distance: Distance(wanted, Normalize(c))))
            .Where(x => x.Distance <= limit)
            .OrderBy(x => x.Distance).ThenBy(x => x.Index)
            .Select(x => x.Candidate)
            .Distinct(StringComparer.Ordinal)
            .Take(max)
            .ToList();
    }

    /// <summary><c> Did you mean 'x'?</c> (or <c>'x' or 'y'</c>), with a leading space; empty when nothing is close.</summary>
    public static string Hint(string input, IEnumerable<string> candidates)
    {
        var close = Closest(input, candidates);
        return close.Count switch
        {
            0 => "",
            1 => $" Did you mean '{close[0]}'?",
            _ => $" Did you mean {string.Join(" or ", close.Select(c => $"'{c}'"))}?",
        };
    }

    /// <summary>Optimal-string-alignment distance between <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }

    private static string Normalize(string s) => string.Concat(s.Where(c => c is not ('-' or '_' or ' '))).ToLowerInvariant();
}
