namespace Workbench.Data.Loaders.Emoji;

/// <summary>One emoji of <c>emoji.json</c> (iamcal/emoji-data, npm <c>emoji-datasource</c>).</summary>
/// <param name="Unified">Code points in upper-case hex joined by '-', as in the file (e.g. <c>2601-FE0F</c>).</param>
/// <param name="CodePoints">The code points without variation selector FE0F.</param>
/// <param name="SheetX">Column in the sprite sheets.</param>
/// <param name="SheetY">Row in the sprite sheets.</param>
/// <param name="Category">Unicode emoji group, e.g. "Animals &amp; Nature".</param>
/// <param name="Subcategory">Unicode emoji subgroup, e.g. "animal-mammal" (the class of the emoji datasets).</param>
/// <param name="SortOrder">Unicode's ordering of the emoji.</param>
/// <param name="HasGoogle">The Google (Noto) sheet has this emoji.</param>
/// <param name="HasTwitter">The Twitter (Twemoji) sheet has this emoji.</param>
public sealed record EmojiEntry(string Unified, int[] CodePoints, int SheetX, int SheetY, string Category, string Subcategory,
    int SortOrder, bool HasGoogle, bool HasTwitter)
{
    /// <summary>The EmojiOne (gemojione) file name: upper-case hex code points without FE0F joined by '-', plus <c>.png</c>.</summary>
    public string EmojiOneFile => string.Join("-", CodePoints.Select(c => c.ToString("X4"))) + ".png";
}
