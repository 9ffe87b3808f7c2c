using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.AspNetCore.Html;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive.Formatting;

namespace Workbench.Notebooks.Execution;

/// <summary>
/// One Roslyn script state for a whole notebook: each cell is a submission that continues the
/// previous one, so variables, functions and <c>using</c>s carry over. <c>#r</c> and
/// <c>#load</c> resolve against the notebook's folder.
/// </summary>
internal sealed class ScriptSession
{
    /// <summary>The usings of the .NET Interactive C# kernel.</summary>
    public static readonly string[] DefaultImports =
        ["System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq"];

    private readonly ScriptGlobals _globals = new();
    private ScriptOptions _options;
    private ScriptState<object>? _state;

    public ScriptSession(string baseDirectory)
    {
        _options = ScriptOptions.Default
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithImports(DefaultImports)
            .WithMetadataResolver(new NotebookMetadataResolver(baseDirectory))
            .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, baseDirectory))
            .WithOptimizationLevel(OptimizationLevel.Release)
            .WithAllowUnsafe(true)
            .AddReferences(
                typeof(ScriptGlobals).Assembly,
                typeof(Formatter).Assembly,
                typeof(IHtmlContent).Assembly,
                typeof(Enumerable).Assembly,
                typeof(System.Collections.Generic.List<>).Assembly,
                typeof(System.Text.RegularExpressions.Regex).Assembly,
                typeof(System.Diagnostics.Stopwatch).Assembly);
    }

    /// <summary>Adds assembly references for later submissions (from <c>#r "nuget: …"</c>).</summary>
    public void AddReferences(IEnumerable<string> paths) =>
        _options = _options.AddReferences(paths.Select(p => MetadataReference.CreateFromFile(p)));

    /// <summary>Creates and compiles the next submission.</summary>
    public (Script<object> Script, ImmutableArray<Diagnostic> Errors, double Milliseconds) Compile(string code)
    {
        var sw = Stopwatch.StartNew();
        var script = _state is null
            ? CSharpScript.Create(code, _options, typeof(ScriptGlobals))
            : _state.Script.ContinueWith(code, _options);
        var errors = script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        return (script, errors, sw.Elapsed.TotalMilliseconds);
    }

    /// <summary>Runs a compiled submission; exceptions are returned in the state, not thrown.</summary>
    public Task<ScriptState<object>> RunAsync(Script<object> script, CancellationToken cancellation) =>
        _state is null
            ? script.RunAsync(_globals, _ => true, cancellation)
            : script.RunFromAsync(_state, _ => true, cancellation);

    /// <summary>Makes <paramref name="state"/> the state later submissions continue.</summary>
    public void Commit(ScriptState<object> state) => _state = state;

    // Roslyn keeps "does this submission end in a value expression" internal; .NET Interactive reads it the same way.
    private static readonly System.Reflection.MethodInfo? HasReturnValueMethod =
        typeof(Script).GetMethod("HasReturnValue", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance, Type.EmptyTypes);

    /// <summary>True when the submission ends in an expression (no semicolon) whose value is the cell's result.</summary>
    public static bool HasResult(Script<object> script)
    {
        if (HasReturnValueMethod?.Invoke(script, null) is bool b) return b;
        var tree = script.GetCompilation().SyntaxTrees.Last();
        return tree.GetRoot() is Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax unit
               && unit.Members.LastOrDefault() is Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax
               { Statement: Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionStatementSyntax { SemicolonToken.IsMissing: true } };
    }
}
