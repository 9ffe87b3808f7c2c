using Workbench.Runtime;
using System.Diagnostics;
using Workbench.Cli.Slurm;

namespace Workbench.Tests.Slurm;

public class ShellQuoteTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("--set=training.epochs=5", "--set=training.epochs=5")]
    [InlineData("a b", "'a b'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("", "''")]
    [InlineData("$HOME", "'$HOME'")]
    public void Word_QuotesOnlyWhatBashWouldSplitOrExpand(string word, string expected) => Assert.Equal(expected, ShellQuote.Word(word));

    [Fact]
    public void Words_ComeBackUnchangedThroughBash()
    {
        string[] words = ["experiment", "run", "a b", "it's", "$HOME", "`x`", "*", "tab\there", "new\nline", "", "ü"];
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("for w in " + ShellQuote.Words(words) + "; do printf '%s\\0' \"$w\"; done");
        using var p = Process.Start(info)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(words, output.Split('\0')[..^1]);
    }
}
