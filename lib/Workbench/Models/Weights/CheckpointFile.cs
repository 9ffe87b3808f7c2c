using System.Collections;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Workbench.Models.Weights;

/// <summary>
/// Reads the tensors of a checkpoint file, whatever wrote it, as (key, tensor) pairs for
/// <see cref="WeightLoader"/>:
/// <list type="bullet">
/// <item><c>.safetensors</c>: the safetensors format (Hugging Face), through TorchSharp.PyBridge.</item>
/// <item>a zip archive (what <c>torch.save</c> writes since PyTorch 1.6, whatever the extension: <c>.pth</c>,
/// <c>.pth.tar</c>, <c>.pt</c>, <c>.ckpt</c>): unpickled through TorchSharp.PyBridge. A plain state dict is
/// taken as is; a training checkpoint (a dictionary holding other things, e.g. MoCo's
/// <c>{"epoch", "arch", "state_dict", "optimizer"}</c>) gives the tensors of its <c>state_dict</c>
/// (else <c>model</c>, <c>net</c>, <c>state</c>) entry.</item>
/// <item>anything else: TorchSharp's own state-dict format (<see cref="StateDictFile"/>, what <c>Module.save</c>
/// and the workbench's checkpoints write).</item>
/// </list>
/// Tensors are on the CPU; the caller disposes them.
/// </summary>
public static class CheckpointFile
{
    /// <summary>Entries tried, in order, when a PyTorch file holds a training checkpoint rather than a state dict.</summary>
    public static IReadOnlyList<string> NestedStateDictKeys { get; } = ["state_dict", "model", "net", "state"];

    /// <summary>The format of <paramref name="path"/>, by extension and leading bytes.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    public static CheckpointFormat Detect(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Checkpoint '{path}' not found.", path);
        if (path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase)) return CheckpointFormat.Safetensors;
        Span<byte> head = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        int read = stream.Read(head);
        if (read == 4 && head[0] == 0x50 && head[1] == 0x4b && head[2] == 0x03 && head[3] == 0x04) return CheckpointFormat.PyTorchZip;
        if (read >= 2 && head[0] == 0x80 && head[1] <= 5) return CheckpointFormat.PyTorchLegacy;
        return CheckpointFormat.TorchSharp;
    }

    /// <summary>Reads every tensor of the checkpoint at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is damaged, a legacy (pre-1.6) PyTorch pickle, a pickled whole model, or a dictionary without a state dict.</exception>
    public static List<KeyValuePair<string, Tensor>> Read(string path)
    {
        var format = Detect(path);
        try
        {
            return format switch
            {
                CheckpointFormat.Safetensors => Safetensors.LoadStateDict(path).ToList(),
                CheckpointFormat.PyTorchZip => ReadPyTorch(path),
                CheckpointFormat.PyTorchLegacy => throw new InvalidDataException(
                    $"'{path}' was written by torch.save in the legacy (pre-1.6) format; re-save it in PyTorch with torch.save(torch.load(f), g) (any PyTorch >= 1.6 writes the zip format)."),
                _ => StateDictFile.Read(path),
            };
        }
        catch (Exception e) when (e is NotImplementedException or InvalidCastException or System.Text.Json.JsonException or ArgumentException or EndOfStreamException)
        {
            throw new InvalidDataException($"'{path}' could not be read as a {format} checkpoint: {e.Message}", e);
        }
    }

    private static List<KeyValuePair<string, Tensor>> ReadPyTorch(string path)
    {
        Hashtable root;
        using (var stream = File.OpenRead(path))
        {
            root = PyTorchUnpickler.UnpickleStateDict(stream, leaveOpen: false);
        }
        var tensors = Tensors(root);
        if (tensors.Count == root.Count && tensors.Count > 0) return tensors;
        foreach (string key in NestedStateDictKeys)
        {
            if (root[key] is Hashtable nested)
            {
                DisposeAll(tensors);
                DisposeOthers(root, nested);
                return Tensors(nested);
            }
        }
        DisposeAll(tensors);
        var names = root.Keys.Cast<object>().Select(k => k.ToString()).Order(StringComparer.Ordinal);
        throw new InvalidDataException(
            $"'{path}' holds a dictionary without a state dict (top-level keys: {string.Join(", ", names)}; looked for {string.Join(", ", NestedStateDictKeys)}). Save model.state_dict() with torch.save.");
    }

    private static List<KeyValuePair<string, Tensor>> Tensors(Hashtable table)
    {
        var list = new List<KeyValuePair<string, Tensor>>(table.Count);
        foreach (DictionaryEntry entry in table)
        {
            if (entry.Key is string key && entry.Value is Tensor t) list.Add(new(key, t));
        }
        list.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return list;
    }

    private static void DisposeAll(List<KeyValuePair<string, Tensor>> tensors)
    {
        foreach (var (_, t) in tensors) t.Dispose();
    }

    private static void DisposeOthers(Hashtable table, Hashtable keep)
    {
        foreach (DictionaryEntry entry in table)
        {
            if (ReferenceEquals(entry.Value, keep)) continue;
            if (entry.Value is Tensor t) t.Dispose();
            else if (entry.Value is Hashtable h) DisposeOthers(h, keep);
        }
    }
}
