namespace Workbench.Models.Weights;

/// <summary>What wrote a checkpoint file (see <see cref="CheckpointFile.Detect"/>).</summary>
public enum CheckpointFormat
{
    /// <summary>TorchSharp's <c>Module.save</c> format (<see cref="StateDictFile"/>).</summary>
    TorchSharp,

    /// <summary><c>torch.save</c> since PyTorch 1.6: a zip archive holding <c>data.pkl</c> and the tensor storages.</summary>
    PyTorchZip,

    /// <summary><c>torch.save</c> before PyTorch 1.6 (a bare pickle stream): not readable, re-save it.</summary>
    PyTorchLegacy,

    /// <summary>The safetensors format: a little-endian header length, a JSON header and the raw tensors.</summary>
    Safetensors,
}
