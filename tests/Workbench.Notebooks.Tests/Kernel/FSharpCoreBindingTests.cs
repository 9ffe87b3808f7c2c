
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

    [ToolKernelFact]
    public void In_the_tool_process_charts_fail_without_the_binding_and_work_with_it()
    {
        string reference = $"#r \"{Bin("Workbench.dll")}\"";
        var without = ToolKernel.Run(reference, Chart);
        Assert.True(without[0].Succeeded, without[0].Text);
        Assert.False(without[1].Succeeded, "the tool's process should not load Plotly.NET's FSharp.Core 10.1 by itself: " + without[1].Text);
        Assert.True(without[1].Text.Contains("FSharp.Core, Version=10.1.0.0", StringComparison.Ordinal), without[1].Text);

        var with = ToolKernel.Run(reference, "Workbench.Runtime.FSharpCoreBinding.Install()", Chart);
        Assert.True(with[2].Succeeded, with[2].Text);
        Assert.Contains("drew a chart with FSharp.Core 10.0.0.0", with[2].Text);
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
