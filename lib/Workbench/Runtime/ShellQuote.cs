namespace Workbench.Runtime;

/// <summary>Quoting for bash: a word passes through unchanged when it is safe, else it is single-quoted.</summary>
public static class ShellQuote
{
    /// <summary><paramref name="word"/> as one bash word, e.g. <c>a b</c> → <c>'a b'</c>, <c>it's</c> → <c>'it'\''s'</c>.</summary>
    public static string Word(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@%+".Contains(c))) return word;
        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>The words quoted and joined by spaces.</summary>
    public static string Words(IEnumerable<string> words) => string.Join(' ', words.Select(Word));
}
