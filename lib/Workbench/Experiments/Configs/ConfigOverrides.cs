using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Workbench.Training.Records;
using Workbench.Training.Validation;

namespace Workbench.Experiments.Configs;

/// <summary>
/// Applies <see cref="ConfigOverride"/>s to a configuration record, producing a new record (the input
/// is not changed). Every property with an <c>init</c> or <c>set</c> accessor is reachable by its
/// dotted camelCase path; nested records are copied along the path (<c>with</c> semantics). Values are
/// converted to the property's type (numbers invariant, booleans, enums by name, lists as
/// <c>1,2,3</c>, <c>null</c> for nullable settings). All problems are reported at once, each naming
/// its field.
/// </summary>
public static class ConfigOverrides
{
    /// <summary>Applies <paramref name="overrides"/> in order and returns the new record.</summary>
    /// <param name="config">A record (the method's configuration).</param>
    /// <param name="overrides">Changes, later ones win.</param>
    /// <param name="applied">Receives <c>canonical.path=value (source)</c> for every override applied.</param>
    /// <exception cref="ConfigValidationException">Unknown or ambiguous paths, or values of the wrong type.</exception>
    public static T Apply<T>(T config, IEnumerable<ConfigOverride> overrides, List<string>? applied = null) where T : class
    {
        var errors = new ConfigErrors();
        var result = Apply(config, overrides, errors, applied);
        errors.ThrowIfAny("the overrides");
        return result;
    }

    /// <summary>
    /// Applies every valid override in order and adds a <see cref="ConfigError"/> for each invalid one,
    /// so callers can validate the result and report every problem at once.
    /// </summary>
    public static T Apply<T>(T config, IEnumerable<ConfigOverride> overrides, ConfigErrors errors, List<string>? applied = null) where T : class
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(errors);
        object current = config;
        foreach (var o in overrides)
        {
            var chain = ConfigPaths.Resolve(current.GetType(), o.Path, errors);
            if (chain is null) continue;
            var leaf = chain[^1];
            string field = ConfigPaths.Format(chain);
            if (!TryConvert(o, leaf, field, errors, out var value)) continue;
            current = With(current, chain, 0, value);
            applied?.Add($"{field}={o.Text ?? o.Json?.GetRawText()} ({o.Source})");
        }
        return (T)current;
    }

    private static object With(object target, PropertyInfo[] chain, int index, object? value)
    {
        var copy = Clone(target);
        var prop = chain[index];
        if (index == chain.Length - 1)
        {
            prop.SetValue(copy, value);
        }
        else
        {
            var inner = prop.GetValue(copy) ?? Activator.CreateInstance(prop.PropertyType)
                ?? throw new InvalidOperationException($"Cannot create {prop.PropertyType.Name}.");
            prop.SetValue(copy, With(inner, chain, index + 1, value));
        }
        return copy;
    }

    private static object Clone(object record)
    {
        var clone = record.GetType().GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"{record.GetType().Name} is not a record; configuration types must be records.");
        return clone.Invoke(record, null)!;
    }

    private static bool TryConvert(ConfigOverride o, PropertyInfo prop, string field, ConfigErrors errors, out object? value)
    {
        var type = prop.PropertyType;
        bool nullable = ConfigPaths.AllowsNull(prop);
        value = null;
        if (o.Json is { } json)
        {
            if (json.ValueKind == JsonValueKind.Null)
            {
                if (nullable) return true;
                errors.Add(field, $"cannot be null (from {o.Source}).");
                return false;
            }
            try
            {
                value = json.Deserialize(type, RecordJson.Compact);
                return true;
            }
            catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
            {
                errors.Add(field, $"{json.GetRawText()} is not valid; expected {ConfigPaths.Describe(type)} (from {o.Source}).");
                return false;
            }
        }
        string text = o.Text ?? "";
        if (nullable && text.Equals("null", StringComparison.OrdinalIgnoreCase)) return true;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying != typeof(string) && ConfigPaths.ElementType(underlying) is { } element)
        {
            var parts = text.Length == 0 ? [] : text.Split(',', StringSplitOptions.TrimEntries);
            var array = Array.CreateInstance(element, parts.Length);
            for (int i = 0; i < parts.Length; i++)
            {
                if (!TryScalar(parts[i], element, out var item))
                {
                    errors.Add(field, $"'{parts[i]}' is not valid; expected a list of {ConfigPaths.Describe(element)}, written 1,2,3.");
                    return false;
                }
                array.SetValue(item, i);
            }
            value = underlying.IsArray || underlying.IsAssignableFrom(array.GetType()) ? array : Activator.CreateInstance(underlying, array);
            return true;
        }
        if (TryScalar(text, underlying, out value)) return true;
        errors.Add(field, $"'{text}' is not valid; expected {ConfigPaths.Describe(type)}.");
        return false;
    }

    private static bool TryScalar(string text, Type type, out object? value)
    {
        value = null;
        var inv = CultureInfo.InvariantCulture;
        if (type == typeof(string)) { value = text; return true; }
        if (type == typeof(bool))
        {
            switch (text.ToLowerInvariant())
            {
                case "true" or "yes" or "on" or "1": value = true; return true;
                case "false" or "no" or "off" or "0": value = false; return true;
                default: return false;
            }
        }
        if (type == typeof(int) && int.TryParse(text, NumberStyles.Integer, inv, out var i)) { value = i; return true; }
        if (type == typeof(long) && long.TryParse(text, NumberStyles.Integer, inv, out var l)) { value = l; return true; }
        if (type == typeof(double) && double.TryParse(text, NumberStyles.Float, inv, out var d)) { value = d; return true; }
        if (type == typeof(float) && float.TryParse(text, NumberStyles.Float, inv, out var f)) { value = f; return true; }
        if (type == typeof(TimeSpan) && TimeSpan.TryParse(text, inv, out var t)) { value = t; return true; }
        if (type.IsEnum)
        {
            string key = ConfigPaths.Normalize(text);
            foreach (var name in Enum.GetNames(type))
            {
                if (ConfigPaths.Normalize(name) == key) { value = Enum.Parse(type, name); return true; }
            }
        }
        return false;
    }

    internal static bool IsList(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);
}
