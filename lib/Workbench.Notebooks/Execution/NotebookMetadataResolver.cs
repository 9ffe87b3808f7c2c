using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace Workbench.Notebooks.Execution;

/// <summary>
/// Roslyn's script resolver (paths relative to the notebook's folder), except that assemblies a
/// reference depends on are resolved only from the .NET shared framework or the referencing
/// assembly's own folder (unless that is the host's folder) — as in .NET Interactive. Without this, every package the runner's host
/// carries would be visible to a notebook without its <c>#r</c>, and a notebook that forgot one
/// would pass here and fail in VS Code.
/// </summary>
internal sealed class NotebookMetadataResolver(string baseDirectory) : MetadataReferenceResolver
{
    private static readonly string FrameworkDirectory =
        Path.GetFullPath(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory());

    private static readonly string HostDirectory = Path.GetFullPath(AppContext.BaseDirectory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;

    private readonly ScriptMetadataResolver _inner = ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory);

    public override bool ResolveMissingAssemblies => true;

    public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties) =>
        _inner.ResolveReference(reference, baseFilePath, properties);

    public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity)
    {
        var resolved = _inner.ResolveMissingAssembly(definition, referenceIdentity);
        if (resolved?.FilePath is not { } path) return null;
        string dir = Path.GetDirectoryName(Path.GetFullPath(path)) + Path.DirectorySeparatorChar;
        bool framework = dir.StartsWith(FrameworkDirectory, StringComparison.Ordinal);
        bool besideDefinition = dir != HostDirectory && definition is PortableExecutableReference { FilePath: { } defPath }
                                && string.Equals(Path.GetDirectoryName(Path.GetFullPath(defPath)) + Path.DirectorySeparatorChar, dir, StringComparison.Ordinal);
        return framework || besideDefinition ? resolved : null;
    }

    public override bool Equals(object? other) => other is NotebookMetadataResolver r && r._inner.Equals(_inner);

    public override int GetHashCode() => _inner.GetHashCode();
}
