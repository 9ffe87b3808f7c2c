
namespace Workbench.Notebooks.Tests.Kernel;

/// <summary>
/// The FSharp.Core conflict: the tool's process holds FSharp.Core 10.0.0.0, Plotly.NET 6.0.0 asks
/// for 10.1.0.0. <see cref="Workbench.Runtime.FSharpCoreBinding"/> binds the request to the loaded copy.
/// </summary>
public class FSharpCoreBindingTests
{
    private static string Bin(string file) => Path.Combine(AppContext.BaseDirectory, file);

    private static readonly string Chart =
        "Workbench.Reporting.NotebookSetup.WarmUpCharts();\n" +
        "Console.WriteLine(\"drew a chart with FSharp.Core \" + AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == \"FSharp.Core\").GetName().Version);";

    /// <summary>
    /// In the tool's own process, which holds FSharp.Core 10.0.0.0: the notebooks' setup references,
    /// then a chart fails for want of FSharp.Core 10.1.0.0; after the binding is installed the same
    /// chart is made with FSharp.Core 10.0.0.0.
    /// </summary>
    [ToolKernelFact]
    public void In_the_tool_process_charts_fail_without_the_binding_and_work_with_it()
    {
        string workbench = Path.Combine(TestHost.RepoRoot, "lib", "Workbench", "bin", "Release", "net10.0", "Workbench.dll");
        Assert.True(File.Exists(workbench), $"{workbench} is built with the solution");
        string setup = string.Join("\n", Workbench.Notebooks.Checks.SetupReferences.NugetReferences(
            Workbench.Notebooks.Format.Notebook.Load(Path.Combine(TestHost.RepoRoot, "notebooks", "00-start-here.ipynb")).Cells.First(c => c.Id == "setup").Source)
            .Select(r => $"#r \"nuget: {r.Name}, {r.Version}\"")) + $"\n#r \"{workbench}\"";
        var results = ToolKernel.Run(setup, Chart, "Workbench.Runtime.FSharpCoreBinding.Install();", Chart);
        Assert.True(results[0].Succeeded, results[0].Text);
        Assert.False(results[1].Succeeded, "the tool's process should not load Plotly.NET's FSharp.Core 10.1 by itself: " + results[1].Text);
        Assert.True(results[1].Text.Contains("FSharp.Core, Version=10.1.0.0", StringComparison.Ordinal), results[1].Text);
        Assert.True(results[3].Succeeded, results[3].Text);
        Assert.Contains("drew a chart with FSharp.Core 10.0.0.0", results[3].Text);
    }

    [Fact]
    public void The_rule_substitutes_only_the_same_major_version_of_FSharp_Core()
    {
        var context = System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(typeof(Microsoft.FSharp.Core.Unit).Assembly)!;
        var loaded = typeof(Microsoft.FSharp.Core.Unit).Assembly;
        int major = loaded.GetName().Version!.Major;
        Assert.Same(loaded, Workbench.Runtime.FSharpCoreBinding.Resolve(context, new System.Reflection.AssemblyName($"FSharp.Core, Version={major}.9.0.0")));
        Assert.Null(Workbench.Runtime.FSharpCoreBinding.Resolve(context, new System.Reflection.AssemblyName($"FSharp.Core, Version={major + 1}.0.0.0")));
        Assert.Null(Workbench.Runtime.FSharpCoreBinding.Resolve(context, new System.Reflection.AssemblyName("Plotly.NET, Version=6.0.0.0")));
    }

    /// <summary>
    /// Why the substitution is safe: every FSharp.Core type and member that Plotly.NET,
    /// Plotly.NET.CSharp and Workbench reference exists in the FSharp.Core the tool ships (10.0.111,
    /// the version its FSharp.Compiler.Service pins), found by name, generic arity and parameter count.
    /// </summary>
    [Fact]
    public void Every_FSharp_Core_member_the_chart_libraries_use_exists_in_the_tools_FSharp_Core()
    {
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } c ? c
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string old = Path.Combine(cache, "fsharp.core", "10.0.111", "lib", "netstandard2.1", "FSharp.Core.dll");
        Assert.True(File.Exists(old), $"{old} is restored with the kernel packages (FSharp.Compiler.Service pins it)");
        var available = MetadataSurface.Members(old);
        var missing = new List<string>();
        int checkedCount = 0;
        foreach (var user in new[] { "Plotly.NET.dll", "Plotly.NET.CSharp.dll", "Workbench.dll" })
        {
            foreach (var used in MetadataSurface.References(Bin(user), "FSharp.Core"))
            {
                checkedCount++;
                if (!available.Contains(used)) missing.Add($"{user}: {used}");
            }
        }
        Assert.True(checkedCount > 200, $"only {checkedCount} references found");
        Assert.True(missing.Count == 0, string.Join("\n", missing.Distinct()));
    }
}
