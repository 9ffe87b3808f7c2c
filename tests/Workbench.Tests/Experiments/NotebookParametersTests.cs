using Workbench.Experiments;
using Workbench.Papers.Spq;

namespace Workbench.Tests.Experiments;

/// <summary>The notebooks' parameter checks: one message with the parameter, the value, what the library allows and what to do.</summary>
public class NotebookParametersTests
{
    [Fact]
    public void A_preset_is_parsed_or_refused_with_the_allowed_values()
    {
        Assert.Equal(PresetLabel.Smoke, NotebookParameters.Preset("smoke"));
        var e = Assert.Throws<NotebookParameterException>(() => NotebookParameters.Preset("bogus"));
        Assert.Equal("preset", e.Name);
        Assert.Equal("Notebook parameter 'preset' = 'bogus' is not valid: Unknown preset 'bogus'. Use one of: smoke, reduced, paper. " +
                     "Run again with -p preset=<an allowed value> (or without -p preset for the notebook's default).", e.Message);
    }

    [Fact]
    public void A_configuration_changed_by_a_parameter_is_checked_by_the_library()
    {
        var config = SpqPresets.Create(PresetLabel.Smoke, SpqVariants.Seed);
        Assert.Same(config, NotebookParameters.Valid("bits", 32, config));
        var e = Assert.Throws<NotebookParameterException>(() => NotebookParameters.Valid("bits", 17, config with { Bits = 17 }));
        Assert.StartsWith("Notebook parameter 'bits' = '17' is not valid: bits: ", e.Message);
        Assert.Contains("-p bits=", e.Message);
    }

    [Fact]
    public void Counts_below_their_minimum_and_parse_errors_are_refused()
    {
        Assert.Equal(2, NotebookParameters.AtLeast("seeds", 2, 1));
        Assert.Contains("'seeds' = '0' is not valid: it must be at least 1. Run again", Assert.Throws<NotebookParameterException>(() => NotebookParameters.AtLeast("seeds", 0, 1)).Message);
        var e = Assert.Throws<NotebookParameterException>(() => NotebookParameters.Check("pair", "x", () => Workbench.Papers.Ucdir.UcdirPair.Parse("x")));
        Assert.Contains("A domain pair is written data:A/B", e.Message);
        Assert.Throws<InvalidOperationException>(() => NotebookParameters.Check<int>("n", 1, () => throw new InvalidOperationException("a bug, not a parameter")));
    }
}
