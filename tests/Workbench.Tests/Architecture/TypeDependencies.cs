using System.Reflection;
using System.Reflection.Emit;

namespace Workbench.Tests.Architecture;

/// <summary>One use of a type by another type of the same assembly, with where it happens.</summary>
/// <param name="From">The using type (compiler-generated nested types are reported as their outermost declaring type).</param>
/// <param name="Member">Where: "base type", "field x", "method M (body)", ….</param>
/// <param name="To">The used type (element and generic argument types are unwrapped).</param>
internal sealed record TypeDependency(Type From, string Member, Type To);

/// <summary>
/// Every type an assembly's types use from the same assembly, read by reflection: base types,
/// interfaces, generic arguments, fields, properties, events, method and constructor signatures,
/// local variables, and the type, method and field tokens of every method body (the IL).
/// Attributes and XML-doc crefs are not dependencies.
/// </summary>
internal static class TypeDependencies
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>All uses between distinct outermost types of <paramref name="assembly"/>.</summary>
    public static List<TypeDependency> Of(Assembly assembly)
    {
        var found = new List<TypeDependency>();
        foreach (var type in assembly.GetTypes())
        {
            var owner = Outermost(type);
            void Add(Type? used, string member)
            {
                foreach (var t in Unwrap(used))
                {
                    if (t.Assembly != assembly) continue;
                    var target = Outermost(t);
                    if (target != owner) found.Add(new TypeDependency(owner, member, target));
                }
            }

            Add(type.BaseType, "base type");
            foreach (var i in type.GetInterfaces()) Add(i, "interface");
            foreach (var f in type.GetFields(Everything)) Add(f.FieldType, $"field {Name(type)}.{f.Name}");
            foreach (var p in type.GetProperties(Everything)) Add(p.PropertyType, $"property {Name(type)}.{p.Name}");
            foreach (var e in type.GetEvents(Everything)) Add(e.EventHandlerType, $"event {Name(type)}.{e.Name}");
            foreach (var m in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
            {
                string name = $"{Name(type)}.{m.Name}";
                if (m is MethodInfo mi) Add(mi.ReturnType, $"{name} (return type)");
                foreach (var p in m.GetParameters()) Add(p.ParameterType, $"{name} (parameter {p.Name})");
                var body = m.GetMethodBody();
                if (body is null) continue;
                foreach (var local in body.LocalVariables) Add(local.LocalType, $"{name} (local)");
                foreach (var used in BodyTypes(m, body.GetILAsByteArray() ?? [])) Add(used, $"{name} (body)");
            }
        }
        return found;
    }

    /// <summary>A type's name with its declaring types, e.g. <c>Trainer+&lt;&gt;c</c>.</summary>
    public static string Name(Type type) => type.DeclaringType is null ? type.Name : Name(type.DeclaringType) + "+" + type.Name;

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
    }

    private static IEnumerable<Type> Unwrap(Type? type)
    {
        if (type is null || type.IsGenericParameter) yield break;
        if (type.HasElementType)
        {
            foreach (var t in Unwrap(type.GetElementType())) yield return t;
            yield break;
        }
        yield return type;
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            foreach (var a in type.GetGenericArguments())
            foreach (var t in Unwrap(a)) yield return t;
        }
    }

    /// <summary>The types named by the operands of <paramref name="il"/> (type, field, method and member tokens).</summary>
    private static IEnumerable<Type?> BodyTypes(MethodBase method, byte[] il)
    {
        var module = method.Module;
        var typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int pos = 0;
        while (pos < il.Length)
        {
            short value = il[pos] == 0xFE ? (short)(0xFE00 | il[pos + 1]) : il[pos];
            pos += il[pos] == 0xFE ? 2 : 1;
            var op = OpCodesByValue[value];
            switch (op.OperandType)
            {
                case OperandType.InlineType:
                case OperandType.InlineTok:
                case OperandType.InlineMethod:
                case OperandType.InlineField:
                    int token = BitConverter.ToInt32(il, pos);
                    foreach (var t in Resolve(module, token, typeArgs, methodArgs)) yield return t;
                    pos += 4;
                    break;
                case OperandType.InlineSwitch:
                    pos += 4 + 4 * BitConverter.ToInt32(il, pos);
                    break;
                default:
                    pos += OperandSize(op.OperandType);
                    break;
            }
        }
    }

    private static IEnumerable<Type?> Resolve(Module module, int token, Type[]? typeArgs, Type[]? methodArgs)
    {
        MemberInfo member = module.ResolveMember(token, typeArgs, methodArgs)!;
        switch (member)
        {
            case Type t:
                yield return t;
                break;
            case FieldInfo f:
                yield return f.DeclaringType;
                yield return f.FieldType;
                break;
            case MethodBase m:
                yield return m.DeclaringType;
                if (m is MethodInfo mi)
                {
                    yield return mi.ReturnType;
                    if (mi.IsGenericMethod)
                    {
                        foreach (var a in mi.GetGenericArguments()) yield return a;
                    }
                }
                foreach (var p in m.GetParameters()) yield return p.ParameterType;
                break;
        }
    }

    private static int OperandSize(OperandType type) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };
}
