using System.Reflection;

namespace Workbench.Experiments;

/// <summary>
/// The methods the workbench knows, by name. <see cref="Default"/> finds every public, non-abstract
/// <see cref="IExperimentMethod"/> with a parameterless constructor in the Workbench assembly, so a
/// paper's method appears in <c>workbench experiment list</c> as soon as its class exists.
/// </summary>
public sealed class ExperimentRegistry
{
    private static readonly Lazy<ExperimentRegistry> DefaultRegistry = new(() => Discover(typeof(ExperimentRegistry).Assembly));
    private readonly SortedDictionary<string, IExperimentMethod> _methods = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The methods found in the Workbench assembly.</summary>
    public static ExperimentRegistry Default => DefaultRegistry.Value;

    /// <summary>The registered methods, by name.</summary>
    public IReadOnlyList<IExperimentMethod> Methods => _methods.Values.ToList();

    /// <summary>A registry of every discoverable method in <paramref name="assemblies"/>.</summary>
    public static ExperimentRegistry Discover(params Assembly[] assemblies)
    {
        var registry = new ExperimentRegistry();
        foreach (var type in assemblies.SelectMany(a => a.GetExportedTypes()).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (type.IsAbstract || type.IsInterface || type.ContainsGenericParameters) continue;
            if (!typeof(IExperimentMethod).IsAssignableFrom(type) || type.GetConstructor(Type.EmptyTypes) is null) continue;
            registry.Register((IExperimentMethod)Activator.CreateInstance(type)!);
        }
        return registry;
    }

    /// <summary>Adds a method.</summary>
    /// <exception cref="ArgumentException">A method with the same name (case-insensitive) is already registered, or the name is not lower-case-with-dashes.</exception>
    public ExperimentRegistry Register(IExperimentMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (string.IsNullOrEmpty(method.Name) || !method.Name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            throw new ArgumentException($"Method name '{method.Name}' ({method.GetType().FullName}) must be lower case letters, digits and dashes.");
        }
        if (!_methods.TryAdd(method.Name, method))
        {
            throw new ArgumentException($"Two methods are named '{method.Name}': {_methods[method.Name].GetType().FullName} and {method.GetType().FullName}.");
        }
        return this;
    }

    /// <summary>The method called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public IExperimentMethod Get(string name)
    {
        if (_methods.TryGetValue(name?.Trim() ?? "", out var method)) return method;
        string known = _methods.Count == 0 ? "(none registered)" : string.Join(", ", _methods.Keys);
        throw new ArgumentException($"Unknown method '{name}'.{Runtime.DidYouMean.Hint(name ?? "", _methods.Keys)} Known methods: {known}. See `workbench experiment list`.");
    }
}
