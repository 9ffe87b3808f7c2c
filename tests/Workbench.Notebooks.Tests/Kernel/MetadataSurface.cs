using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Workbench.Notebooks.Tests.Kernel;

/// <summary>
/// Types and members of an assembly, and the ones another assembly references from it, as
/// comparable strings: <c>Namespace.Type`arity</c> and <c>Namespace.Type`arity::Name/parameters</c>
/// (methods) or <c>::Name</c> (fields), read with System.Reflection.Metadata.
/// </summary>
internal static class MetadataSurface
{
    /// <summary>Every type and member defined in <paramref name="dll"/>, including nested types.</summary>
    public static HashSet<string> Members(string dll)
    {
        using var pe = new PEReader(File.OpenRead(dll));
        var md = pe.GetMetadataReader();
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in md.TypeDefinitions)
        {
            var t = md.GetTypeDefinition(h);
            string name = TypeName(md, h);
            set.Add(name);
            foreach (var m in t.GetMethods())
            {
                var def = md.GetMethodDefinition(m);
                int generics = def.GetGenericParameters().Count;
                set.Add($"{name}::{md.GetString(def.Name)}`{generics}/{def.DecodeSignature(Shape.Instance, null).ParameterTypes.Length}");
            }
            foreach (var f in t.GetFields()) set.Add($"{name}::{md.GetString(md.GetFieldDefinition(f).Name)}");
        }
        return set;
    }

    /// <summary>The types and members <paramref name="dll"/> references from the assembly named <paramref name="assembly"/>.</summary>
    public static IEnumerable<string> References(string dll, string assembly)
    {
        using var pe = new PEReader(File.OpenRead(dll));
        var md = pe.GetMetadataReader();
        var result = new List<string>();
        foreach (var h in md.TypeReferences)
        {
            if (FromAssembly(md, h, assembly)) result.Add(TypeRefName(md, h));
        }
        foreach (var h in md.MemberReferences)
        {
            var m = md.GetMemberReference(h);
            string? parent = m.Parent.Kind switch
            {
                HandleKind.TypeReference when FromAssembly(md, (TypeReferenceHandle)m.Parent, assembly) => TypeRefName(md, (TypeReferenceHandle)m.Parent),
                HandleKind.TypeSpecification => GenericOwner(md, (TypeSpecificationHandle)m.Parent, assembly),
                _ => null,
            };
            if (parent is null) continue;
            string name = md.GetString(m.Name);
            if (m.GetKind() == MemberReferenceKind.Method)
            {
                var blob = md.GetBlobReader(m.Signature);
                var header = blob.ReadSignatureHeader();
                int generics = header.IsGeneric ? blob.ReadCompressedInteger() : 0;
                int parameters = blob.ReadCompressedInteger();
                result.Add($"{parent}::{name}`{generics}/{parameters}");
            }
            else
            {
                result.Add($"{parent}::{name}");
            }
        }
        return result;
    }

    private static bool FromAssembly(MetadataReader md, TypeReferenceHandle h, string assembly)
    {
        var scope = md.GetTypeReference(h).ResolutionScope;
        return scope.Kind switch
        {
            HandleKind.AssemblyReference => md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)scope).Name) == assembly,
            HandleKind.TypeReference => FromAssembly(md, (TypeReferenceHandle)scope, assembly),
            _ => false,
        };
    }

    /// <summary>The FSharp.Core generic type a <c>TypeSpec</c> instantiates (e.g. <c>FSharpOption`1</c>), or null.</summary>
    private static string? GenericOwner(MetadataReader md, TypeSpecificationHandle h, string assembly)
    {
        var blob = md.GetBlobReader(md.GetTypeSpecification(h).Signature);
        if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance) return null;
        blob.ReadCompressedInteger(); // class or value type
        var handle = blob.ReadTypeHandle();
        return handle.Kind == HandleKind.TypeReference && FromAssembly(md, (TypeReferenceHandle)handle, assembly) ? TypeRefName(md, (TypeReferenceHandle)handle) : null;
    }

    private static string TypeRefName(MetadataReader md, TypeReferenceHandle h)
    {
        var t = md.GetTypeReference(h);
        string local = md.GetString(t.Name);
        return t.ResolutionScope.Kind == HandleKind.TypeReference
            ? TypeRefName(md, (TypeReferenceHandle)t.ResolutionScope) + "+" + local
            : Qualified(md.GetString(t.Namespace), local);
    }

    private static string TypeName(MetadataReader md, TypeDefinitionHandle h)
    {
        var t = md.GetTypeDefinition(h);
        string local = md.GetString(t.Name);
        var outer = t.GetDeclaringType();
        return outer.IsNil ? Qualified(md.GetString(t.Namespace), local) : TypeName(md, outer) + "+" + local;
    }

    private static string Qualified(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;

    /// <summary>Decodes only the shape of a signature (parameter count); types are not needed.</summary>
    private sealed class Shape : ISignatureTypeProvider<int, object?>
    {
        public static readonly Shape Instance = new();
        public int GetArrayType(int elementType, ArrayShape shape) => 0;
        public int GetByReferenceType(int elementType) => 0;
        public int GetFunctionPointerType(MethodSignature<int> signature) => 0;
        public int GetGenericInstantiation(int genericType, System.Collections.Immutable.ImmutableArray<int> typeArguments) => 0;
        public int GetGenericMethodParameter(object? genericContext, int index) => 0;
        public int GetGenericTypeParameter(object? genericContext, int index) => 0;
        public int GetModifiedType(int modifier, int unmodifiedType, bool isRequired) => 0;
        public int GetPinnedType(int elementType) => 0;
        public int GetPointerType(int elementType) => 0;
        public int GetPrimitiveType(PrimitiveTypeCode typeCode) => 0;
        public int GetSZArrayType(int elementType) => 0;
        public int GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => 0;
        public int GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => 0;
        public int GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) => 0;
    }
}
