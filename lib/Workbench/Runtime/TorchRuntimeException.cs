namespace Workbench.Runtime;

/// <summary>TorchSharp's native libraries could not be found or loaded; the message says what to do.</summary>
public sealed class TorchRuntimeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TorchRuntimeException(string message, Exception? inner = null) : base(message, inner) { }
}
