using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Workbench.Notebooks.Format;

namespace Workbench.Notebooks.Execution;

/// <summary>
/// Papermill-style parameters: the first code cell tagged <c>parameters</c> declares typed
/// defaults (<c>int epochs = 3;</c>, <c>string preset = "smoke";</c>); given values are injected
/// as a cell tagged <c>injected-parameters</c> right after it that <em>re-assigns</em> the names
/// with literals of the declared types, so a value keeps the declared type. An unknown name or a
/// value that does not parse as the declared type is rejected before any cell runs.
/// </summary>
public static class ParameterCell
{
    /// <summary>The tag of the cell that declares the parameters.</summary>
    public const string Tag = "parameters";

    /// <summary>The tag of the cell the runner inserts.</summary>
    public const string InjectedTag = "injected-parameters";

    private static readonly Dictionary<string, string> TypeAliases = new(StringComparer.Ordinal)
    {
        ["int"] = "int", ["Int32"] = "int", ["System.Int32"] = "int",
        ["long"] = "long", ["Int64"] = "long", ["System.Int64"] = "long",
        ["float"] = "float", ["Single"] = "float", ["System.Single"] = "float",
        ["double"] = "double", ["Double"] = "double", ["System.Double"] = "double",
        ["decimal"] = "decimal", ["Decimal"] = "decimal", ["System.Decimal"] = "decimal",
        ["bool"] = "bool", ["Boolean"] = "bool", ["System.Boolean"] = "bool",
        ["string"] = "string", ["String"] = "string", ["System.String"] = "string",
    };

    /// <summary>The first code cell tagged <c>parameters</c>, or null.</summary>
    public static NotebookCell? Find(Notebook notebook) =>
        notebook.Cells.FirstOrDefault(c => c.Type == CellType.Code && c.HasTag(Tag));

    /// <summary>The top-level variable declarations of a parameters cell, in order.</summary>
    public static IReadOnlyList<ParameterDeclaration> Parse(string source)
    {
        // Kernel directives (#r, #i, #!…) are blanked so that line numbers stay.
        string code = string.Join('\n', source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select(l => l.TrimStart().StartsWith("#r", StringComparison.Ordinal) || l.TrimStart().StartsWith("#i", StringComparison.Ordinal) || l.TrimStart().StartsWith("#!", StringComparison.Ordinal) ? "" : l));
        var root = SyntaxFactory.ParseCompilationUnit(code,
            options: new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script));
        var result = new List<ParameterDeclaration>();
        foreach (var member in root.Members)
        {
            var declaration = member switch
            {
                FieldDeclarationSyntax f when !f.Modifiers.Any(SyntaxKind.ConstKeyword) => f.Declaration,
                GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax l } when !l.IsConst => l.Declaration,
                _ => null,
            };
            if (declaration is null) continue;
            foreach (var v in declaration.Variables)
            {
                string written = declaration.Type.ToString();
                string? type = written == "var" ? TypeOfLiteral(v.Initializer?.Value) : TypeAliases.GetValueOrDefault(written);
                result.Add(new ParameterDeclaration(v.Identifier.ValueText, type ?? written, v.Initializer?.Value.ToString() ?? "default", type is not null));
            }
        }
        return result;
    }

    /// <summary>
    /// Converts the given raw values (<c>-p name=value</c>) to typed C# assignments and JSON values.
    /// </summary>
    /// <exception cref="ParameterException">A name is not declared, a type cannot be injected, or a value does not parse.</exception>
    public static IReadOnlyList<(string Name, string Assignment, JsonNode Value)> Bind(
        IReadOnlyList<ParameterDeclaration> declared, IReadOnlyDictionary<string, string> given)
    {
        var byName = declared.GroupBy(d => d.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        string list = declared.Count == 0 ? "none" : string.Join(", ", declared.Select(d => $"{d.Name} ({d.Type})"));
        var bound = new List<(string, string, JsonNode)>();
        foreach (var (name, raw) in given.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!byName.TryGetValue(name, out var d))
                throw new ParameterException($"Unknown parameter '{name}'. The parameters cell declares: {list}.");
            if (!d.IsInjectable)
                throw new ParameterException($"Parameter '{name}' is declared as '{d.Type}'; the runner injects only int, long, float, double, decimal, bool and string.");
            var (literal, json) = Literal(d.Type, raw)
                ?? throw new ParameterException($"Parameter '{name}' is {Article(d.Type)} {d.Type}; '{raw}' is not a valid {d.Type}.");
            bound.Add((name, $"{name} = {literal};", json));
        }
        return bound;
    }

    /// <summary>
    /// Inserts (or replaces) the <c>injected-parameters</c> cell and records the values in
    /// <c>metadata.workbench.parameters</c>. With no values, only removes an old injected cell.
    /// </summary>
    /// <returns>The values injected, by name.</returns>
    /// <exception cref="ParameterException">See <see cref="Bind"/>; also when values are given but no cell is tagged <c>parameters</c>.</exception>
    public static IReadOnlyDictionary<string, JsonNode> Inject(Notebook notebook, IReadOnlyDictionary<string, string> given)
    {
        notebook.Cells.RemoveAll(c => c.HasTag(InjectedTag));
        var values = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        if (given.Count == 0) return values;
        var cell = Find(notebook) ?? throw new ParameterException(
            $"The notebook has no code cell tagged '{Tag}', so it takes no parameters (given: {string.Join(", ", given.Keys)}).");
        var bound = Bind(Parse(cell.Source), given);
        var source = new StringBuilder("// Parameters injected by `workbench notebook run`.\n");
        foreach (var (name, assignment, value) in bound)
        {
            source.Append(assignment).Append('\n');
            values[name] = value;
        }
        string id = InjectedTag;
        for (int k = 2; notebook.IndexOf(id) >= 0; k++) id = $"{InjectedTag}-{k}";
        notebook.Cells.Insert(notebook.Cells.IndexOf(cell) + 1, NotebookCell.Code(id, source.ToString().TrimEnd('\n'), InjectedTag));
        if (notebook.Metadata["workbench"] is not JsonObject wb) notebook.Metadata["workbench"] = wb = new JsonObject();
        wb["parameters"] = new JsonObject(values.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value.DeepClone())));
        return values;
    }

    /// <summary>
    /// The notebook as a run executes it: a copy without outputs or an old injected cell, with ids,
    /// and the given values injected (<see cref="Inject"/>). The same for the process that runs
    /// it and for one that reports on it after it died, so cell positions agree.
    /// </summary>
    /// <param name="notebook">The notebook as loaded (not modified).</param>
    /// <param name="given">The values given with <c>-p</c>.</param>
    /// <returns>The copy, the declarations of its parameters cell, the injected values, and the
    /// reason the values were rejected (null when they were not).</returns>
    public static (Notebook Notebook, IReadOnlyList<ParameterDeclaration> Declared, IReadOnlyDictionary<string, JsonNode> Values, string? Rejected)
        PrepareRun(Notebook notebook, IReadOnlyDictionary<string, string> given)
    {
        var nb = notebook.Clone();
        nb.ClearOutputs();
        nb.Cells.RemoveAll(c => c.HasTag(InjectedTag));
        nb.EnsureIds();
        var declared = Find(nb) is { } p ? Parse(p.Source) : [];
        try
        {
            return (nb, declared, Inject(nb, given), null);
        }
        catch (ParameterException e)
        {
            return (nb, declared, new Dictionary<string, JsonNode>(), e.Message);
        }
    }

    private static (string Literal, JsonNode Json)? Literal(string type, string raw)
    {
        var inv = CultureInfo.InvariantCulture;
        string s = raw.Trim();
        switch (type)
        {
            case "string":
                return (SymbolDisplay.FormatLiteral(raw, quote: true), JsonValue.Create(raw));
            case "bool":
                return bool.TryParse(s, out bool b) ? (b ? "true" : "false", JsonValue.Create(b)) : null;
            case "int":
                return int.TryParse(s, NumberStyles.AllowLeadingSign, inv, out int i) ? (i.ToString(inv), JsonValue.Create(i)) : null;
            case "long":
                return long.TryParse(s, NumberStyles.AllowLeadingSign, inv, out long l) ? (l.ToString(inv) + "L", JsonValue.Create(l)) : null;
            case "float":
                return float.TryParse(s, NumberStyles.Float, inv, out float f) && float.IsFinite(f) ? (f.ToString("R", inv) + "f", JsonValue.Create(f)) : null;
            case "double":
                return double.TryParse(s, NumberStyles.Float, inv, out double d) && double.IsFinite(d) ? (d.ToString("R", inv) + "d", JsonValue.Create(d)) : null;
            case "decimal":
                return decimal.TryParse(s, NumberStyles.Float, inv, out decimal m) ? (m.ToString(inv) + "m", JsonValue.Create(m)) : null;
            default:
                return null;
        }
    }

    private static string? TypeOfLiteral(ExpressionSyntax? e) => e switch
    {
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression } u => TypeOfLiteral(u.Operand),
        LiteralExpressionSyntax lit => lit.Token.Value switch
        {
            int => "int",
            long => "long",
            float => "float",
            double => "double",
            decimal => "decimal",
            bool => "bool",
            string => "string",
            _ => null,
        },
        _ => null,
    };

    private static string Article(string type) => type is "int" ? "an" : "a";
}
