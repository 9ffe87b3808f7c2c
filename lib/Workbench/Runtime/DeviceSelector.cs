using TorchSharp;

namespace Workbench.Runtime;

/// <summary>
/// Chooses the torch <see cref="torch.Device"/>: an explicit request, else the
/// <c>WORKBENCH_DEVICE</c> environment variable, else CUDA when available, else CPU.
/// </summary>
public static class DeviceSelector
{
    /// <summary>Environment variable read when no device is requested: <c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public const string EnvironmentVariable = "WORKBENCH_DEVICE";

    /// <summary>Resolves a request to a device.</summary>
    /// <param name="requested"><c>auto</c> (default), <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>; null or empty reads the environment variable.</param>
    /// <param name="cudaAvailable">Overrides CUDA detection (tests); null asks TorchSharp.</param>
    /// <exception cref="ArgumentException">An unknown request, or CUDA requested explicitly on a machine without it.</exception>
    public static torch.Device Select(string? requested = null, bool? cudaAvailable = null)
    {
        string request = (string.IsNullOrWhiteSpace(requested) ? Environment.GetEnvironmentVariable(EnvironmentVariable) : requested)?.Trim().ToLowerInvariant() ?? "auto";
        if (request.Length == 0) request = "auto";
        TorchRuntime.EnsureLoaded();
        bool cuda = cudaAvailable ?? IsCudaAvailable();
        if (request == "auto") return cuda ? new torch.Device(DeviceType.CUDA, 0) : torch.CPU;
        if (request == "cpu") return torch.CPU;
        if (request == "cuda" || request.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!cuda)
            {
                throw new ArgumentException(
                    $"Device '{request}' was requested but CUDA is not available here. Use --device cpu (or auto), " +
                    "or build with -p:TorchBackend=cuda on a machine with an NVIDIA GPU (see environment.md).");
            }
            int index = request.Length > 5 && int.TryParse(request[5..], out var n) ? n : 0;
            return new torch.Device(DeviceType.CUDA, index);
        }
        throw new ArgumentException($"Unknown device '{request}'. Use auto, cpu, cuda or cuda:N.");
    }

    /// <summary>Whether TorchSharp's CUDA backend is loaded and sees a GPU.</summary>
    public static bool IsCudaAvailable()
    {
        TorchRuntime.EnsureLoaded();
        try
        {
            return torch.cuda.is_available();
        }
        catch (Exception e) when (e is InvalidOperationException or DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
