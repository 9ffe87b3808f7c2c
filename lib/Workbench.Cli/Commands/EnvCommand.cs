using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Workbench.Runtime;

namespace Workbench.Cli.Commands;

/// <summary><c>workbench env</c>: loads TorchSharp and prints versions, device, threads and what the loader did.</summary>
internal static class EnvCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var device = new Option<string?>("--device") { Description = "auto (default), cpu, cuda or cuda:N; default from WORKBENCH_DEVICE." };
        var command = new Command("env", "Check that TorchSharp loads here and show versions, device and threads.") { json, device };
        command.SetAction(parse =>
        {
            var report = TorchRuntime.EnsureLoaded();
            var dev = DeviceSelector.Select(parse.GetValue(device));
            int threads = Threads.Current;
            var info = EnvironmentInfo.Capture();
            using var probe = TorchSharp.torch.ones(2, 2, device: dev).matmul(TorchSharp.torch.ones(2, 2, device: dev));
            bool ok = probe.sum().item<float>() == 8f;
            var facts = new SortedDictionary<string, object?>
            {
                ["os"] = info.Os,
                ["dotnet"] = info.DotNet,
                ["cores"] = info.Cores,
                ["torchThreads"] = threads,
                ["device"] = dev.ToString(),
                ["cudaAvailable"] = DeviceSelector.IsCudaAvailable(),
                ["nativeLoad"] = report.ToString(),
                ["libstdcxx"] = report.LibStdCxx,
                ["patchCache"] = TorchRuntime.CacheDirectory,
                ["gitCommit"] = info.GitCommit,
                ["packages"] = info.Packages,
                ["tensorCheck"] = ok ? "ok" : "FAILED",
            };
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(facts, new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                var table = new Table().AddColumn("fact").AddColumn("value");
                foreach (var (k, v) in facts)
                {
                    string text = v is IReadOnlyDictionary<string, string> d ? string.Join(", ", d.Select(p => $"{p.Key} {p.Value}")) : v?.ToString() ?? "";
                    table.AddRow(Markup.Escape(k), Markup.Escape(text));
                }
                AnsiConsole.Write(table);
            }
            return ok ? 0 : 1;
        });
        return command;
    }
}
