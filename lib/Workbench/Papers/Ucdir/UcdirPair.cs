namespace Workbench.Papers.Ucdir;

/// <summary>A dataset and two of its domains, written <c>data:A/B</c> (e.g. <c>emoji-office:noto/symbola</c>).</summary>
/// <param name="Data">Dataset name (<see cref="UcdirConfig.Data"/>).</param>
/// <param name="DomainA">Domain A.</param>
/// <param name="DomainB">Domain B.</param>
public sealed record UcdirPair(string Data, string DomainA, string DomainB)
{
    /// <summary>The reduced preset's pairs: emoji-office Noto ↔ Symbola (colour ↔ line art), Twemoji ↔ EmojiOne (two colour styles), emoji-7 Noto ↔ Symbola.</summary>
    public static IReadOnlyList<UcdirPair> Reduced { get; } =
    [
        new("emoji-office", "noto", "symbola"),
        new("emoji-office", "twemoji", "emojione"),
        new("emoji-7", "noto", "symbola"),
    ];

    /// <summary>Parses <c>data:A/B</c>.</summary>
    /// <exception cref="ArgumentException">Not of that form.</exception>
    public static UcdirPair Parse(string text)
    {
        string t = text?.Trim() ?? "";
        int colon = t.IndexOf(':', StringComparison.Ordinal);
        int slash = t.IndexOf('/', colon + 1);
        if (colon <= 0 || slash <= colon + 1 || slash == t.Length - 1)
            throw new ArgumentException($"A domain pair is written data:A/B, e.g. emoji-office:noto/symbola; got '{text}'.");
        return new UcdirPair(t[..colon], t[(colon + 1)..slash], t[(slash + 1)..]);
    }

    /// <summary>The pair of <paramref name="config"/>.</summary>
    public static UcdirPair Of(UcdirConfig config) => new(config.Data, config.DomainA, config.DomainB);

    /// <summary>
    /// Whether tables show DomainNet's P@50/100/200 rather than Office-Home's P@1/5/15: for DomainNet only. emoji-7, its
    /// stand-in, has at most 45 images of a class per domain, so its capped P@50, P@100 and P@200 all equal R-precision;
    /// its tables show P@1/5/15 (the CSV keeps every K).
    /// </summary>
    public bool UsesLargeK => Data.Equals("domainnet", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>data:A/B</c>.</summary>
    public override string ToString() => $"{Data}:{DomainA}/{DomainB}";
}
