using System.Text.RegularExpressions;
using Workbench.Data.Installation;

namespace Workbench.Tests.Data;

/// <summary><c>data/install.sh</c> and <see cref="PackagePins"/> pin the same packages, versions and members, and share the marker format.</summary>
public partial class InstallScriptTests
{
    private static string Script => File.ReadAllText(Path.Combine(TestHost.RepoRoot, "data", "install.sh"));

    [Fact]
    public void The_script_pins_the_same_packages_as_the_installer()
    {
        foreach (var (set, pins) in PackagePins.BySet)
        {
            string array = "pins_" + set.Replace('-', '_');
            var m = Regex.Match(Script, $@"^{array}=\(\n(.*?)\n\)", RegexOptions.Multiline | RegexOptions.Singleline);
            Assert.True(m.Success, $"install.sh has no {array}");
            var lines = Quoted().Matches(m.Groups[1].Value).Select(q => q.Groups[1].Value).ToList();
            var expected = pins.Select(p => string.Join(' ', new[] { p.Kind, p.Name, p.Version }.Concat(p.Members))).ToList();
            Assert.Equal(expected, lines);
        }
    }

    [Fact]
    public void The_script_never_trusts_a_marker_over_the_content()
    {
        Assert.DoesNotContain(".verified", Script);
        Assert.Contains("sha256sum --status -c", Script); // every run re-hashes the files the marker lists
        Assert.Equal("file ", InstalledFiles.FileLine); // the marker line both installers write and read:
        Assert.Contains("/file \\1 /", Script);        //   sha256sum's "hex  path" becomes "file hex path"
        Assert.Contains("s/^file \\([0-9a-f]\\{64\\}\\) \\(.*\\)$/", Script);
    }

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex Quoted();
}
