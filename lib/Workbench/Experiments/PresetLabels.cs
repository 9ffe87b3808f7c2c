namespace Workbench.Experiments;

/// <summary>Parsing and printing of <see cref="PresetLabel"/> (lower case: <c>smoke</c>, <c>reduced</c>, <c>paper</c>).</summary>
public static class PresetLabels
{
    /// <summary>Every label, smallest first.</summary>
    public static IReadOnlyList<PresetLabel> All { get; } = Enum.GetValues<PresetLabel>();

    /// <summary>The label as written in records and on the command line.</summary>
    public static string Name(this PresetLabel label) => label.ToString().ToLowerInvariant();

    /// <summary>Parses a label, case-insensitively.</summary>
    /// <exception cref="ArgumentException">Not one of the labels; the message lists them.</exception>
    public static PresetLabel Parse(string text)
    {
        if (Enum.TryParse<PresetLabel>(text?.Trim(), ignoreCase: true, out var label) && Enum.IsDefined(label) && !int.TryParse(text, out _))
        {
            return label;
        }
        throw new ArgumentException($"Unknown preset '{text}'.{Runtime.DidYouMean.Hint(text ?? "", All.Select(Name))} Use one of: {string.Join(", ", All.Select(Name))}.");
    }
}
