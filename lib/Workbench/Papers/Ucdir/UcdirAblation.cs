namespace Workbench.Papers.Ucdir;

/// <summary>
/// The rows of UCDIR's ablation table as a level 0…3 of cumulatively enabled terms, named per variant:
/// <list type="table">
/// <item><term>level 0</term><description>Seed <c>IW</c> (instance-wise InfoNCE only) · Official <c>IW</c></description></item>
/// <item><term>level 1</term><description>Seed <c>CW</c> · Official <c>+CW</c> (IW + CW)</description></item>
/// <item><term>level 2</term><description>Seed <c>CW+SE</c> · Official <c>+SE</c> (IW + CW + SE)</description></item>
/// <item><term>level 3</term><description>Seed <c>CW+SE+DD</c> · Official <c>+DD</c> (IW + CW + SE + DD) — the full method, alias <c>Full</c></description></item>
/// </list>
/// The seed review's rows drop IW from level 1 on (its objective has no IW term); the official code never removes IW
/// (papers.md 1.9), so its rows add terms on top of IW. Either spelling is accepted for either variant
/// (<c>--set ablation=CW+SE</c> with the Official variant means <c>+SE</c>).
/// </summary>
public static class UcdirAblation
{
    /// <summary>The full method's alias.</summary>
    public const string Full = "Full";

    /// <summary>The seed variant's row names, level 0…3.</summary>
    public static IReadOnlyList<string> SeedRows { get; } = ["IW", "CW", "CW+SE", "CW+SE+DD"];

    /// <summary>The official variant's row names, level 0…3.</summary>
    public static IReadOnlyList<string> OfficialRows { get; } = ["IW", "+CW", "+SE", "+DD"];

    /// <summary>The level of <paramref name="label"/> (case-insensitive, spaces ignored), or null when it is not an ablation row.</summary>
    public static int? TryLevel(string? label)
    {
        string key = (label ?? "").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        return key switch
        {
            "IW" => 0,
            "CW" or "+CW" or "IW+CW" => 1,
            "CW+SE" or "+SE" or "IW+CW+SE" => 2,
            "CW+SE+DD" or "+DD" or "IW+CW+SE+DD" or "FULL" => 3,
            _ => null,
        };
    }

    /// <summary>The level of <paramref name="label"/>.</summary>
    /// <exception cref="ArgumentException">Not a row name; the message lists them.</exception>
    public static int Level(string? label) => TryLevel(label) ?? throw new ArgumentException(
        $"Unknown UCDIR ablation '{label}'. Use {string.Join(", ", SeedRows)} (Seed), {string.Join(", ", OfficialRows)} (Official) or {Full}.");

    /// <summary>The canonical row name of <paramref name="label"/> in <paramref name="variant"/>'s table.</summary>
    public static string Canonical(string variant, string? label) => RowsOf(variant)[Level(label)];

    /// <summary>The row names of <paramref name="variant"/> (<c>Seed</c> or <c>Official</c>).</summary>
    public static IReadOnlyList<string> RowsOf(string variant) => IsOfficial(variant) ? OfficialRows : SeedRows;

    /// <summary>Whether <paramref name="variant"/> names the official-code variant.</summary>
    public static bool IsOfficial(string? variant) => string.Equals(variant, "Official", StringComparison.OrdinalIgnoreCase);

    /// <summary>The seed objective's switches for <paramref name="label"/> applied to <paramref name="options"/> (weights and the rest unchanged).</summary>
    public static UcdirSeedOptions Apply(UcdirSeedOptions options, string label)
    {
        ArgumentNullException.ThrowIfNull(options);
        int level = Level(label);
        return options with
        {
            UseInstanceWise = level == 0,
            UseClusterWise = level >= 1,
            UseSelfEntropy = level >= 2,
            UseDistanceOfDistance = level >= 3,
        };
    }

    /// <summary>The official objective's switches for <paramref name="label"/> applied to <paramref name="options"/> (IW is always on).</summary>
    public static UcdirOfficialOptions Apply(UcdirOfficialOptions options, string label)
    {
        ArgumentNullException.ThrowIfNull(options);
        int level = Level(label);
        return options with
        {
            UseClusterWise = level >= 1,
            UseSelfEntropy = level >= 2,
            UseDistanceOfDistance = level >= 3,
        };
    }
}
