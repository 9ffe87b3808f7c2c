using System.CommandLine;
using Workbench.Notebooks.Checks;

namespace Workbench.Cli.Commands;

/// <summary>
/// <c>workbench notebook check [FILES] [--fix]</c>: committed notebooks are clean — no outputs, null
/// execution counts, cell ids, Polyglot metadata, pinned <c>#r</c> versions, a setup cell that loads
/// in a fresh kernel, no absolute paths, canonical formatting. Exit 0 when clean, 1 otherwise.
/// </summary>
internal static class NotebookCheckCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Arity = ArgumentArity.ZeroOrMore, Description = "Notebooks to check (default: notebooks/*.ipynb in the repository)." };
        var fix = new Option<bool>("--fix") { Description = "Rewrite the notebooks clean first (strip outputs, add ids and metadata, canonical format)." };
        var command = new Command("check", "Check that notebooks are committed clean (no outputs, ids, Polyglot metadata, pinned #r versions, no absolute paths).") { files, fix };
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(files) is { Length: > 0 } given ? given : NotebookPaths.RepoNotebooks().ToArray();
            if (paths.Length == 0)
            {
                Console.Error.WriteLine("workbench notebook check: no notebooks given and none in notebooks/.");
                return 2;
            }
            int problems = 0;
            foreach (var path in paths)
            {
                if (!File.Exists(path))
                {
                    Console.Error.WriteLine($"{path}: no such file.");
                    problems++;
                    continue;
                }
                if (parse.GetValue(fix))
                {
                    try
                    {
                        NotebookChecker.Fix(path);
                    }
                    catch (Workbench.Notebooks.Format.NotebookFormatException e)
                    {
                        Console.Error.WriteLine($"cannot fix: {e.Message}");
                    }
                }
                foreach (var problem in NotebookChecker.Check(path))
                {
                    Console.Out.WriteLine(problem);
                    problems++;
                }
            }
            (problems == 0 ? Console.Out : Console.Error).WriteLine(problems == 0 ? $"{paths.Length} notebook(s) clean." : $"{problems} problem(s) in {paths.Length} notebook(s).");
            return problems == 0 ? 0 : 1;
        });
        return command;
    }
}
