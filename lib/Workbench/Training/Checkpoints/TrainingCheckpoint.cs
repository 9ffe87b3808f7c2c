using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Workbench.Training.Records;

namespace Workbench.Training.Checkpoints;

/// <summary>
/// A resumable snapshot at an epoch boundary: model parameters and buffers (TorchSharp
/// <c>Module.save</c> format), optimizer state (<c>save_state_dict</c>: moments, momentum buffers, step
/// counts, learning rates), the method's own state, and a JSON header with the trainer state, the
/// schedule position and every RNG state. File layout: the 8 bytes <c>WBCKPT02</c>, then the header
/// (length-prefixed UTF-8 JSON), then model, optimizer and session sections (each an int64 length and
/// the bytes), then the 32-byte SHA-256 of everything before it. Written atomically (temporary file,
/// fsync, rename). A file whose checksum does not match is reported as damaged and never loaded;
/// <c>WBCKPT01</c> files (no checksum) are refused for the same reason.
/// </summary>
public sealed class TrainingCheckpoint
{
    private static readonly byte[] Magic = "WBCKPT02"u8.ToArray();
    private static readonly byte[] LegacyMagic = "WBCKPT01"u8.ToArray();
    private const int DigestLength = 32;

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
            using var body = new MemoryStream();
            using (var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
            {
                w.Write(Magic);
                byte[] header = JsonSerializer.SerializeToUtf8Bytes(Header, RecordJson.Compact);
                WriteSection(w, header);
                WriteSection(w, Model);
                WriteSection(w, Optimizer);
                WriteSection(w, Session);
            }
            var bytes = body.GetBuffer().AsSpan(0, (int)body.Length);
            stream.Write(bytes);
            stream.Write(SHA256.HashData(bytes));
        });

    /// <summary>Reads a checkpoint written by <see cref="Write"/>, after checking its checksum.</summary>
    /// <exception cref="DamagedRecordException">Missing, truncated, changed after it was written (checksum mismatch), or not a workbench checkpoint.</exception>
    public static TrainingCheckpoint Read(string path)
    {
        if (!File.Exists(path)) throw new DamagedRecordException(path, "missing");
        byte[] all = File.ReadAllBytes(path);
        if (all.Length >= LegacyMagic.Length && all.AsSpan(0, LegacyMagic.Length).SequenceEqual(LegacyMagic))
            throw new DamagedRecordException(path, "written by an older workbench without a checksum, so it cannot be verified");
        if (all.Length < Magic.Length + DigestLength || !all.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new DamagedRecordException(path, all.Length < Magic.Length ? "truncated" : "not a workbench checkpoint (bad magic)");
        var body = all.AsSpan(0, all.Length - DigestLength);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(all.AsSpan(all.Length - DigestLength)))
            throw new DamagedRecordException(path, "checksum mismatch: truncated or changed after it was written");
        using var stream = new MemoryStream(all, Magic.Length, body.Length - Magic.Length, writable: false);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            var headerBytes = ReadSection(r, stream.Length);
            var header = JsonSerializer.Deserialize<CheckpointHeader>(headerBytes, RecordJson.Compact)
                         ?? throw new DamagedRecordException(path, "empty header");
            var model = ReadSection(r, stream.Length);
            var optimizer = ReadSection(r, stream.Length);
            var session = ReadSection(r, stream.Length);
            return new TrainingCheckpoint(header, model, optimizer, session);
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or InvalidDataException)
        {
            throw new DamagedRecordException(path, $"unreadable although its checksum matches: {e.Message}");
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
