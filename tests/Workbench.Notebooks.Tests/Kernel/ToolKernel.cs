using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Workbench.Notebooks.Tests.Kernel;

/// <summary>
/// The real kernel: the <c>dotnet-interactive</c> tool pinned in .config/dotnet-tools.json, driven
/// over its stdio protocol (one JSON command per line in, one JSON event per line out).
/// </summary>
internal static class ToolKernel
{
    private static readonly Lazy<bool> Installed = new(() =>
        ExternalTools.Run("dotnet", ["tool", "run", "dotnet-interactive", "--", "--version"], TestHost.RepoRoot, TimeSpan.FromMinutes(1)).ExitCode == 0);

    /// <summary>True when <c>dotnet tool restore</c> has installed the tool.</summary>
    public static bool IsInstalled => Installed.Value;

    /// <summary>
    /// Submits each C# code in order in one fresh tool process and returns, per submission,
    /// whether it succeeded and the text of its outputs and failure message.
    /// </summary>
    public static IReadOnlyList<(bool Succeeded, string Text)> Run(params string[] submissions)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = TestHost.RepoRoot,
        };
        foreach (var a in new[] { "tool", "run", "dotnet-interactive", "--", "stdio", "--default-kernel", "csharp" }) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        _ = p.StandardError.ReadToEndAsync();
        var results = new List<(bool, string)>();
        try
        {
            for (int i = 0; i < submissions.Length; i++)
            {
                string token = "wb" + i;
                var command = new JsonObject
                {
                    ["token"] = token, ["commandType"] = "SubmitCode",
                    ["command"] = new JsonObject { ["code"] = submissions[i], ["targetKernelName"] = "csharp" },
                };
                p.StandardInput.WriteLine(command.ToJsonString());
                p.StandardInput.Flush();
                var text = new System.Text.StringBuilder();
                var clock = Stopwatch.StartNew();
                while (true)
                {
                    var read = p.StandardOutput.ReadLineAsync();
                    if (!read.Wait(TimeSpan.FromMinutes(3)) || read.Result is not { } line)
                        throw new TimeoutException($"the tool gave no answer to submission {i}; so far: {text}");
                    if (JsonNode.Parse(line) is not JsonObject e || e["command"]?["token"]?.GetValue<string>() != token) continue;
                    string type = e["eventType"]!.GetValue<string>();
                    if (type is "StandardOutputValueProduced" or "ReturnValueProduced" or "StandardErrorValueProduced")
                        foreach (var v in e["event"]!["formattedValues"]!.AsArray()) text.Append(v!["value"]!.GetValue<string>()).Append('\n');
                    if (type == "CommandFailed")
                    {
                        results.Add((false, text + e["event"]!["message"]!.GetValue<string>()));
                        break;
                    }
                    if (type == "CommandSucceeded")
                    {
                        results.Add((true, text.ToString()));
                        break;
                    }
                }
            }
        }
        finally
        {
            p.Kill(entireProcessTree: true);
        }
        return results;
    }
}

/// <summary>A fact that needs the pinned <c>dotnet-interactive</c> tool (<c>dotnet tool restore</c>).</summary>
public sealed class ToolKernelFactAttribute : FactAttribute
{
    public ToolKernelFactAttribute()
    {
        if (!ToolKernel.IsInstalled) Skip = "the dotnet-interactive tool is not installed (dotnet tool restore)";
    }
}
