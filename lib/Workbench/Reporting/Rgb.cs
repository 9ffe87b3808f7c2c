namespace Workbench.Reporting;

/// <summary>An 8-bit RGB colour.</summary>
/// <param name="R">Red.</param>
/// <param name="G">Green.</param>
/// <param name="B">Blue.</param>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>White, the default background.</summary>
    public static Rgb White => new(255, 255, 255);

    /// <summary>The frame of a relevant retrieval result (OML convention).</summary>
    public static Rgb Relevant => new(0, 170, 0);

    /// <summary>The frame of an irrelevant retrieval result.</summary>
    public static Rgb Irrelevant => new(220, 0, 0);

    /// <summary>The frame of a query image.</summary>
    public static Rgb Query => new(30, 90, 220);

    /// <summary>CSS form, e.g. <c>#00aa00</c>.</summary>
    public string ToCss() => $"#{R:x2}{G:x2}{B:x2}";
}
