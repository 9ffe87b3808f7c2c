using Workbench.Notebooks.Execution;
using Workbench.Notebooks.Format;

namespace Workbench.Notebooks.Tests;

/// <summary>Builds small notebooks in a temporary folder and runs them in-process.</summary>
internal sealed class NotebookFixture : IDisposable
{
    public NotebookFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "wb-nb-tests", Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>A notebook of C# cells with ids c0, c1, …; a cell source starting with "[tag]" gets that tag.</summary>
    public static Notebook Code(params string[] sources)
    {
        var nb = new Notebook();
        for (int i = 0; i < sources.Length; i++)
        {
            string src = sources[i];
            var tags = new List<string>();
            while (src.StartsWith('['))
            {
                int end = src.IndexOf(']');
                tags.Add(src[1..end]);
                src = src[(end + 1)..].TrimStart('\n');
            }
            nb.Cells.Add(NotebookCell.Code($"c{i}", src, [.. tags]));
        }
        return nb;
    }

    public NotebookRunResult Run(Notebook nb, NotebookRunOptions? options = null, string name = "test.ipynb")
    {
        string path = PathOf(name);
        nb.EnsureIds();
        nb.Save(path);
        return NotebookRunner.RunAsync(nb, path, options).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a timed-out cell may still hold a file
        }
    }
}
