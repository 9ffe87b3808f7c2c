using BenchmarkDotNet.Running;
using Workbench.Runtime;

// Run with: dotnet run -c Release --project bench/Workbench.Bench -- --filter '*Name*'
// Results are written to BenchmarkDotNet.Artifacts/ and summarised by hand in bench/results/.
TorchRuntime.EnsureLoaded();
if (args.Length > 0 && args[0] == "side-by-side") return Workbench.Bench.SideBySide.SideBySideRunner.Run(args[1..]);
if (args.Length > 0 && args[0] == "scalar-race") return Workbench.Bench.Runtime.ScalarRaceProbe.Run(args[1..]);
if (args.Length > 0 && args[0] == "training-steps") return Workbench.Bench.SideBySide.TrainingWorks.RunOurs(args[1..]);
if (args.Length > 0 && args[0] == "torchvision-interleaved")
{
    Workbench.Bench.Models.TorchVisionResNetProbe.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 6);
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

/// <summary>Entry point marker for the benchmark switcher.</summary>
public partial class Program;
