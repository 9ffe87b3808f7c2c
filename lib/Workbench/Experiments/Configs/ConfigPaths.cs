using System.Reflection;
using Workbench.Training.Validation;

namespace Workbench.Experiments.Configs;

/// <summary>
/// Property paths of configuration records: resolution of user-written paths (case-insensitive,
/// <c>-</c>/<c>_</c> ignored, unique suffixes accepted), camelCase formatting, and the list of settings.
/// </summary>
public static class ConfigPaths
{
    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>Every settable leaf of <paramref name="type"/> as (camelCase dotted path, property type), in declaration order, base record first.</summary>
    public static IReadOnlyList<(string Path, Type Type)> Leaves(Type type)
    {
        var result = new List<(string, Type)>();
        Walk(type, [], result, []);
        return result;
    }

    /// <summary>A path in camelCase dots.</summary>
    public static string Format(IEnumerable<PropertyInfo> chain) => string.Join('.', chain.Select(p => Camel(p.Name)));

    /// <summary>camelCase of a PascalCase name.</summary>
    public static string Camel(string name) => name.Length == 0 || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>Lower case without <c>-</c>, <c>_</c> and spaces, for lenient matching.</summary>
    public static string Normalize(string name) =>
        string.Concat(name.Where(c => c is not ('-' or '_' or ' '))).ToLowerInvariant();

    /// <summary>
    /// Resolves <paramref name="path"/> on <paramref name="root"/> to the property chain of a leaf, or
    /// adds an error naming the path (unknown, ambiguous, or a group of settings) and returns null.
    /// </summary>
    public static PropertyInfo[]? Resolve(Type root, string path, ConfigErrors errors)
    {
        var segments = path.Split('.', StringSplitOptions.TrimEntries);
        if (segments.Length == 0 || segments.Any(s => s.Length == 0))
        {
            errors.Add(path, "is not a setting path; use dotted names like training.optimizer.learningRate.");
            return null;
        }
        var chain = new List<PropertyInfo>();
        var type = root;
        foreach (var segment in segments)
        {
            var prop = Settable(type).FirstOrDefault(p => Normalize(p.Name) == Normalize(segment));
            if (prop is null)
            {
                chain.Clear();
                break;
            }
            chain.Add(prop);
            type = Nullable.GetUnderlyingType(prop.PropertyType) ?? prop.PropertyType;
        }
        if (chain.Count == segments.Length)
        {
            if (IsGroup(chain[^1].PropertyType))
            {
                errors.Add(Format(chain), $"is a group of settings; set one of its fields: {string.Join(", ", Settable(chain[^1].PropertyType).Select(p => Format(chain) + "." + Camel(p.Name)))}.");
                return null;
            }
            return chain.ToArray();
        }
        var wanted = segments.Select(Normalize).ToArray();
        var matches = new List<PropertyInfo[]>();
        WalkChains(root, [], matches, []);
        var hits = matches.Where(c => c.Length >= wanted.Length && c.TakeLast(wanted.Length).Select(p => Normalize(p.Name)).SequenceEqual(wanted)).ToList();
        if (hits.Count == 1) return hits[0];
        if (hits.Count > 1)
        {
            errors.Add(path, $"is ambiguous; write one of: {string.Join(", ", hits.Select(Format))}.");
            return null;
        }
        errors.Add(path, $"is not a setting of {root.Name}. Settings: {string.Join(", ", Leaves(root).Select(l => l.Path))}.");
        return null;
    }

    /// <summary>Whether the property accepts null (nullable value type or nullable reference).</summary>
    public static bool AllowsNull(PropertyInfo prop)
    {
        if (Nullable.GetUnderlyingType(prop.PropertyType) is not null) return true;
        if (prop.PropertyType.IsValueType) return false;
        return Nullability.Create(prop).WriteState == NullabilityState.Nullable;
    }

    /// <summary>A short description of a setting type for messages: integer, number, true/false, one of a|b|c, list of …</summary>
    public static string Describe(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        string core = t switch
        {
            _ when t == typeof(int) || t == typeof(long) => "integer",
            _ when t == typeof(double) || t == typeof(float) => "number",
            _ when t == typeof(bool) => "true/false",
            _ when t == typeof(string) => "text",
            _ when t == typeof(TimeSpan) => "time span (hh:mm:ss)",
            _ when t.IsEnum => "one of " + string.Join("|", Enum.GetNames(t).Select(Camel)),
            _ when ElementType(t) is { } e => "list of " + Describe(e) + " (1,2,3)",
            _ => t.Name,
        };
        return Nullable.GetUnderlyingType(type) is not null ? core + " or null" : core;
    }

    /// <summary>The element type of an array or generic list/sequence type, or null.</summary>
    public static Type? ElementType(Type type)
    {
        if (type == typeof(string)) return null;
        if (type.IsArray) return type.GetElementType();
        if (type.IsGenericType && type.GetGenericArguments().Length == 1 && ConfigOverrides.IsList(type)) return type.GetGenericArguments()[0];
        return null;
    }

    /// <summary>Whether a property of this type is a nested settings record (set through its fields).</summary>
    public static bool IsGroup(Type type) =>
        type.IsClass && type != typeof(string) && !ConfigOverrides.IsList(type)
        && type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null;

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        HierarchyFirst(type).SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => p.CanRead && p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0);

    private static IEnumerable<Type> HierarchyFirst(Type type)
    {
        var stack = new Stack<Type>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType) stack.Push(t);
        return stack;
    }

    private static void Walk(Type type, List<PropertyInfo> prefix, List<(string, Type)> into, HashSet<Type> visiting)
    {
        if (!visiting.Add(type)) return;
        foreach (var p in Settable(type))
        {
            prefix.Add(p);
            if (IsGroup(p.PropertyType)) Walk(p.PropertyType, prefix, into, visiting);
            else into.Add((Format(prefix), p.PropertyType));
            prefix.RemoveAt(prefix.Count - 1);
        }
        visiting.Remove(type);
    }

    private static void WalkChains(Type type, List<PropertyInfo> prefix, List<PropertyInfo[]> into, HashSet<Type> visiting)
    {
        if (!visiting.Add(type)) return;
        foreach (var p in Settable(type))
        {
            prefix.Add(p);
            if (IsGroup(p.PropertyType)) WalkChains(p.PropertyType, prefix, into, visiting);
            else into.Add(prefix.ToArray());
            prefix.RemoveAt(prefix.Count - 1);
        }
        visiting.Remove(type);
    }
}
