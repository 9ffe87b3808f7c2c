using System.Reflection;
using Workbench.Experiments;
using Workbench.Papers.Spq.Evaluation;
using Workbench.Retrieval;
using Workbench.Training;
using Workbench.Training.Sessions;

namespace Workbench.Tests.Architecture;

/// <summary>Workbench.dll keeps its layers (lib/Workbench/README.md): uses go down, never up, and never in a cycle.</summary>
public class LayeringTests
{
    private static readonly Assembly Library = typeof(Trainer).Assembly;
    private static readonly Lazy<List<TypeDependency>> Dependencies = new(() => TypeDependencies.Of(Library));

    [Fact]
    public void Every_library_namespace_belongs_to_a_layer()
    {
        var unplaced = Library.GetTypes()
            .Select(t => t.Namespace)
            .Where(ns => ns is not null && ns.StartsWith("Workbench", StringComparison.Ordinal))
            .Distinct()
            .Where(ns => WorkbenchLayers.ComponentOf(ns) is not { } c || !WorkbenchLayers.Layer.ContainsKey(c))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(unplaced.Count == 0,
            "Namespaces in no layer (add them to WorkbenchLayers and lib/Workbench/README.md): " + string.Join(", ", unplaced));
    }

    [Fact]
    public void Library_types_use_only_their_own_or_lower_layers()
    {
        var violations = Violations(Dependencies.Value);
        Assert.True(violations.Count == 0,
            $"{violations.Count} forbidden dependencies in Workbench.dll (see lib/Workbench/README.md, Layers):\n" + string.Join("\n", violations));
    }

    [Fact]
    public void A_use_of_a_higher_layer_is_reported_with_its_file_type_and_edge()
    {
        // The rule on a made-up edge: Data reaching up into Reporting, as DatasetPreview once did.
        var fake = new TypeDependency(typeof(Workbench.Data.IImageDataset), "IImageDataset.Preview (body)", typeof(Workbench.Reporting.ImageGrid));
        var message = Assert.Single(Violations([fake]));
        Assert.Contains("lib/Workbench/Data/IImageDataset.cs", message, StringComparison.Ordinal);
        Assert.Contains("IImageDataset.Preview (body)", message, StringComparison.Ordinal);
        Assert.Contains("Workbench.Reporting.ImageGrid", message, StringComparison.Ordinal);
        Assert.Contains("Data (layer 1) may not use Reporting (layer 4, above it)", message, StringComparison.Ordinal);

        Assert.Contains("not an allowed peer edge", WorkbenchLayers.Forbidden("Papers.Spq", "Papers.Ucdir"));
        Assert.Contains("not an allowed peer edge", WorkbenchLayers.Forbidden("Imaging", "Data"));
        Assert.Null(WorkbenchLayers.Forbidden("Experiments", "Training"));
        Assert.NotNull(WorkbenchLayers.Forbidden("Training", "Experiments"));
    }

    [Fact]
    public void The_reader_sees_signatures_and_method_bodies()
    {
        var edges = Dependencies.Value;
        // A signature: the trainer takes a TrainingSession.
        Assert.Contains(edges, d => d.From == typeof(Trainer) && d.To == typeof(TrainingSession) && d.Member.Contains("parameter", StringComparison.Ordinal));
        // Only in a method body: SpqCodebookLayout calls ProductQuantizer.FromCodebooks.
        Assert.Contains(edges, d => d.From == typeof(SpqCodebookLayout) && d.To == typeof(ProductQuantizer) && d.Member.EndsWith("(body)", StringComparison.Ordinal));
        // Lambdas, closures and iterators (compiler-generated nested types) count for their outer type.
        Assert.Contains(edges, d => d.Member.Contains("+<", StringComparison.Ordinal) && d.From == typeof(ExperimentRunner));
    }

    [Fact]
    public void The_library_references_no_host_above_it()
    {
        var hosts = Library.GetReferencedAssemblies().Where(a => a.Name!.StartsWith("Workbench", StringComparison.Ordinal)).Select(a => a.Name).ToList();
        Assert.True(hosts.Count == 0, "Workbench.dll must not reference the CLI or notebook hosts: " + string.Join(", ", hosts));
    }

    private static List<string> Violations(IEnumerable<TypeDependency> dependencies) =>
        dependencies
            .Select(d => (d, from: WorkbenchLayers.ComponentOf(d.From.Namespace), to: WorkbenchLayers.ComponentOf(d.To.Namespace)))
            .Where(x => x.from is not null && x.to is not null)
            .Select(x => (x.d, why: WorkbenchLayers.Forbidden(x.from!, x.to!)))
            .Where(x => x.why is not null)
            .GroupBy(x => (x.d.From, x.d.To))
            .Select(g => $"{WorkbenchLayers.FileOf(g.Key.From)}: {g.Key.From.FullName} uses {g.Key.To.FullName} in {string.Join(", ", g.Select(x => x.d.Member).Distinct().Take(3))}: {g.First().why}.")
            .Order(StringComparer.Ordinal)
            .ToList();
}
