using Workbench.Reporting.Charts;

namespace Workbench.Tests.Reporting;

public class MethodPaletteTests
{
    [Fact]
    public void A_name_keeps_its_colour_and_case_does_not_matter()
    {
        var p = new MethodPalette();
        string spq = p.HexOf("SPQ");
        Assert.Equal(spq, p.HexOf(" spq "));
        Assert.Equal(spq, new MethodPalette().HexOf("SPQ")); // stable across palettes and processes: hash slot first
        Assert.Equal(MethodPalette.Colors[MethodPalette.PreferredSlot("SPQ")], spq);
    }

    [Fact]
    public void Up_to_twenty_names_get_distinct_colours()
    {
        var p = new MethodPalette();
        var names = Enumerable.Range(0, 20).Select(i => $"method {i}").ToList();
        var colours = names.Select(p.HexOf).ToList();
        Assert.Equal(20, colours.Distinct().Count());
        Assert.Equal(colours, names.Select(p.HexOf)); // memoised
    }

    [Fact]
    public void Pin_overrides_and_validates()
    {
        var p = new MethodPalette();
        p.Pin("Ours", "#123ABC");
        Assert.Equal("#123abc", p.HexOf("ours"));
        Assert.Throws<ArgumentException>(() => p.Pin("x", "red"));
        Assert.Throws<ArgumentException>(() => p.HexOf("  "));
    }
}
