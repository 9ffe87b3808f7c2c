using Workbench.Experiments;
using Workbench.Papers.Spq.Baselines;

namespace Workbench.Papers.Spq.Ablation;

/// <summary>
/// What SPQ's ablation runs (papers.md 2.5, issue 8): at each code length the seed-variant SPQ, its
/// SPQ-C and SPQ-H ablations and the classic baselines on the same data; extra seeds of SPQ at
/// <see cref="ExtraSeedBits"/>; optionally the official variant at <see cref="OfficialBits"/>.
/// </summary>
public sealed record SpqAblationPlan
{
    /// <summary>Preset of every run (and of the baselines' data and protocol).</summary>
    public PresetLabel Preset { get; init; } = PresetLabel.Reduced;

    /// <summary>Code lengths.</summary>
    public IReadOnlyList<int> Bits { get; init; } = SpqConfig.AblationBits;

    /// <summary>SPQ variants run at every code length.</summary>
    public IReadOnlyList<string> Variants { get; init; } = [SpqVariants.Seed, SpqVariants.SpqC, SpqVariants.SpqH];

    /// <summary>Baselines run at every code length.</summary>
    public IReadOnlyList<SpqBaselineKind> Baselines { get; init; } = [SpqBaselineKind.PqPixels, SpqBaselineKind.PqPca, SpqBaselineKind.Lsh];

    /// <summary>First seed of every run.</summary>
    public long Seed { get; init; }

    /// <summary>Seeds of the seed-variant SPQ at <see cref="ExtraSeedBits"/> (1 = no extra seeds).</summary>
    public int Seeds { get; init; } = 2;

    /// <summary>The code length that gets <see cref="Seeds"/> seeds of SPQ (the paper's headline 32 bits).</summary>
    public int ExtraSeedBits { get; init; } = 32;

    /// <summary>Code lengths at which the official variant also runs (empty: none).</summary>
    public IReadOnlyList<int> OfficialBits { get; init; } = [32];

    /// <summary>
    /// The (row, seed) pairs in the order they should run: first seeds of every row before extra seeds,
    /// the official variant last, so an ablation stopped early has the core grid.
    /// </summary>
    public IReadOnlyList<(SpqAblationItem Item, long Seed)> Schedule() =>
        Items().SelectMany(item => item.Seeds.Select((seed, i) => (item, seed, i)))
            .OrderBy(p => p.i).ThenBy(p => p.item.Variant == SpqVariants.Official ? 1 : 0)
            .Select(p => (p.item, p.seed)).ToList();

    /// <summary>The rows, in table order: per code length, the SPQ variants then the baselines.</summary>
    public IReadOnlyList<SpqAblationItem> Items()
    {
        var items = new List<SpqAblationItem>();
        foreach (int bits in Bits)
        {
            foreach (string variant in Variants)
            {
                int count = variant == SpqVariants.Seed && bits == ExtraSeedBits ? Math.Max(1, Seeds) : 1;
                items.Add(new SpqAblationItem(SpqAblationItem.MethodLabel(variant), variant, null, bits, SeedList(count)));
            }
            if (OfficialBits.Contains(bits))
            {
                items.Add(new SpqAblationItem(SpqAblationItem.MethodLabel(SpqVariants.Official), SpqVariants.Official, null, bits, SeedList(1)));
            }
            foreach (var kind in Baselines)
            {
                items.Add(new SpqAblationItem(SpqAblationItem.MethodLabel(kind), null, kind, bits, SeedList(1)));
            }
        }
        return items;
    }

    private List<long> SeedList(int count) => Enumerable.Range(0, count).Select(i => Seed + i).ToList();
}
