using Workbench.Notebooks.Checks;
using Workbench.Notebooks.Execution;
using Workbench.Notebooks.Format;

namespace Workbench.Notebooks.Tests.Checks;

/// <summary>Hygiene of every committed notebook in notebooks/.</summary>
public class RepositoryNotebookTests
{
    private static List<string> Names() =>
        Directory.GetFiles(Path.Combine(TestHost.RepoRoot, "notebooks"), "*.ipynb").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToList();

    public static TheoryData<string> Notebooks() => new(Names());

    [Fact]
    public void The_repository_has_notebooks_and_an_index_listing_each()
    {
        string readme = File.ReadAllText(Path.Combine(TestHost.RepoRoot, "notebooks", "README.md"));
        Assert.NotEmpty(Names());
        foreach (var name in Names()) Assert.Contains(name, readme);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Each_notebook_is_committed_clean(string name)
    {
        var problems = NotebookChecker.Check(Path.Combine(TestHost.RepoRoot, "notebooks", name));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Each_notebook_follows_the_setup_and_parameters_layout(string name)
    {
        var nb = Notebook.Load(Path.Combine(TestHost.RepoRoot, "notebooks", name));
        Assert.Equal(CellType.Markdown, nb.Cells[0].Type);
        Assert.StartsWith("# ", nb.Cells[0].Source);
        var setup = nb.Cells.First(c => c.Type == CellType.Code);
        Assert.Contains("#r \"../lib/Workbench/bin/Release/net10.0/Workbench.dll\"", setup.Source);
        Assert.Contains("NotebookSetup.Initialize(", setup.Source);
        var parameters = ParameterCell.Find(nb);
        Assert.NotNull(parameters);
        Assert.True(nb.Cells.IndexOf(setup) < nb.Cells.IndexOf(parameters), "the setup cell comes before the parameters cell");
        var preset = Assert.Single(ParameterCell.Parse(parameters.Source), d => d.Name == "preset");
        Assert.Equal("string", preset.Type);
        Assert.All(ParameterCell.Parse(parameters.Source), d => Assert.True(d.IsInjectable, $"{d} cannot be set with -p"));
    }
}
