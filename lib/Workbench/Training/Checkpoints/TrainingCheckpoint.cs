using System.Text;
using System.Text.Json;
using Workbench.Training.Records;

namespace Workbench.Training.Checkpoints;

/// <summary>
/// A resumable snapshot at an epoch boundary: model parameters and buffers (TorchSharp
/// <c>Module.save</c> format), optimizer state (<c>save_state_dict</c>: moments, momentum buffers, step
/// counts, learning rates), the method's own state, and a JSON header with the trainer state, the
/// schedule position and every RNG state. File layout: the 8 bytes <c>WBCKPT01</c>, then the header
/// (length-prefixed UTF-8 JSON), then model, optimizer and session sections (each an int64 length and
/// the bytes). Written atomically.
/// </summary>
public sealed class TrainingCheckpoint
{
    private static readonly byte[] Magic = "WBCKPT01"u8.ToArray();

    /// <summary>Creates a checkpoint from its parts.</summary>
    public TrainingCheckpoint(CheckpointHeader header, byte[] model, byte[] optimizer, byte[] session)
    {
        Header = header ?? throw new ArgumentNullException(nameof(header));
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        Session = session ?? throw new ArgumentNullException(nameof(session));
    }

    /// <summary>Trainer state, RNG states, schedule position.</summary>
    public CheckpointHeader Header { get; }

    /// <summary>The model section (<c>Module.save</c> bytes).</summary>
    public byte[] Model { get; }

    /// <summary>The optimizer section (<c>Optimizer.save_state_dict</c> bytes).</summary>
    public byte[] Optimizer { get; }

    /// <summary>The session section (<see cref="Sessions.TrainingSession.SaveState"/> bytes).</summary>
    public byte[] Session { get; }

    /// <summary>Writes the checkpoint to <paramref name="path"/> atomically.</summary>
    public void Write(string path) =>
        AtomicFile.Write(path, stream =>
        {
            using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            w.Write(Magic);
            byte[] header = JsonSerializer.SerializeToUtf8Bytes(Header, RecordJson.Compact);
            WriteSection(w, header);
            WriteSection(w, Model);
            WriteSection(w, Optimizer);
            WriteSection(w, Session);
        });

    /// <summary>Reads a checkpoint written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">Missing, truncated or not a workbench checkpoint.</exception>
    public static TrainingCheckpoint Read(string path)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"Checkpoint {path} does not exist.");
        using var stream = File.OpenRead(path);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            var magic = r.ReadBytes(Magic.Length);
            if (!magic.AsSpan().SequenceEqual(Magic)) throw new InvalidDataException($"{path} is not a workbench checkpoint (bad magic).");
            var headerBytes = ReadSection(r, stream.Length);
            var header = JsonSerializer.Deserialize<CheckpointHeader>(headerBytes, RecordJson.Compact)
                         ?? throw new InvalidDataException($"{path}: empty checkpoint header.");
            var model = ReadSection(r, stream.Length);
            var optimizer = ReadSection(r, stream.Length);
            var session = ReadSection(r, stream.Length);
            return new TrainingCheckpoint(header, model, optimizer, session);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"Checkpoint {path} is truncated.", e);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Checkpoint {path} has an unreadable header: {e.Message}", e);
        }
    }

    private static void WriteSection(BinaryWriter w, byte[] bytes)
    {
        w.Write((long)bytes.Length);
        w.Write(bytes);
    }

    private static byte[] ReadSection(BinaryReader r, long fileLength)
    {
        long length = r.ReadInt64();
        if (length < 0 || length > fileLength) throw new InvalidDataException($"Corrupt checkpoint section length {length}.");
        var bytes = r.ReadBytes((int)length);
        if (bytes.Length != length) throw new EndOfStreamException();
        return bytes;
    }
}
