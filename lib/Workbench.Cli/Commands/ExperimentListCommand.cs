using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Workbench.Experiments;
using Workbench.Experiments.Configs;

namespace Workbench.Cli.Commands;

/// <summary><c>workbench experiment list [METHOD]</c>: the methods, or one method's settings per preset.</summary>
internal static class ExperimentListCommand
{
    public static Command Create()
    {
        var method = new Argument<string?>("method") { Description = "Show this method's settings and their preset values.", Arity = ArgumentArity.ZeroOrOne };
        var variant = new Option<string?>("--variant") { Description = "Variant whose presets to show (default: the method's first)." };
        var command = new Command("list", "List the methods, or the settings of one method (the names --set accepts).") { method, variant };
        command.SetAction(parse =>
        {
            var registry = ExperimentRegistry.Default;
            string? name = parse.GetValue(method);
            if (name is null)
            {
                var table = new Table().AddColumns("method", "variants", "presets", "description");
                foreach (var m in registry.Methods)
                {
                    table.AddRow(Markup.Escape(m.Name), Markup.Escape(string.Join(", ", m.Variants)),
                        Markup.Escape(string.Join(", ", m.Presets.Select(p => p.Name()))), Markup.Escape(m.Description));
                }
                AnsiConsole.Write(table);
                AnsiConsole.MarkupLine("Settings of a method: [bold]workbench experiment list METHOD[/]");
                return 0;
            }
            try
            {
                var m = registry.Get(name);
                string? v = parse.GetValue(variant);
                var presets = m.Presets.Select(p => (Label: p, Json: ConfigHash.ToJson(m.CreatePreset(p, v)))).ToList();
                var table = new Table().AddColumn(new TableColumn("setting").NoWrap()).AddColumn("type");
                foreach (var p in presets) table.AddColumn(p.Label.Name());
                foreach (var (path, type) in ConfigPaths.Leaves(m.ConfigType))
                {
                    var cells = new List<string> { path, ConfigPaths.Describe(type) };
                    cells.AddRange(presets.Select(p => Lookup(p.Json, path)));
                    table.AddRow(cells.Select(Markup.Escape).ToArray());
                }
                AnsiConsole.MarkupLine($"[bold]{Markup.Escape(m.Name)}[/] ({Markup.Escape(presets[0].Json.GetProperty("variant").GetString() ?? "")}): {Markup.Escape(m.Description)}");
                AnsiConsole.Write(table);
                AnsiConsole.MarkupLine("Override with [bold]--set path=value[/] (a unique trailing part is enough, e.g. --set epochs=3).");
                return 0;
            }
            catch (ArgumentException e)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return 2;
            }
        });
        return command;
    }

    private static string Lookup(JsonElement root, string path)
    {
        var e = root;
        foreach (var segment in path.Split('.'))
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(segment, out e)) return "";
        }
        return e.ValueKind == JsonValueKind.String ? e.GetString() ?? "" : e.GetRawText();
    }
}
