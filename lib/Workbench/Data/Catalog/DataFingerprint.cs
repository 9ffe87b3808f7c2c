namespace Workbench.Data.Catalog;

/// <summary>
/// What a dataset's files were when a run used them (part of a run's identity, see
/// <see cref="DataFingerprints"/>): the split sizes, a SHA-256 over the files' relative paths and
/// contents computed once (at install or on first use), and the file count and byte total that are
/// re-checked cheaply (one directory walk, no reads) every time the data is used.
/// </summary>
/// <param name="Dataset">Catalog name.</param>
/// <param name="ContentHash">SHA-256 (hex) of the sorted relative paths and contents; <c>builtin</c> for generated sets; for user folders of more than 2 GB, of paths and sizes only (prefixed <c>listing:</c>).</param>
/// <param name="Files">Number of files.</param>
/// <param name="Bytes">Total bytes of the files.</param>
/// <param name="Splits">Images and classes per split at the default options (train/test where the dataset has them, else all).</param>
public sealed record DataFingerprint(string Dataset, string ContentHash, long Files, long Bytes, IReadOnlyList<SplitCount> Splits)
{
    /// <summary>Equal when every field is, the split counts compared element by element.</summary>
    public bool Equals(DataFingerprint? other) =>
        other is not null && Dataset == other.Dataset && ContentHash == other.ContentHash && Files == other.Files && Bytes == other.Bytes && Splits.SequenceEqual(other.Splits);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Dataset, ContentHash, Files, Bytes, Splits.Count);

    /// <summary>One line: <c>emoji-office: 2188 images / 29 classes, 3 files, sha256 1a2b3c4d5e6f</c>.</summary>
    public override string ToString() =>
        $"{Dataset}: {string.Join(", ", Splits.Select(s => $"{s.Split} {s.Images} images / {s.Classes} classes"))}, {Files} files, {Short(ContentHash)}";

    /// <summary>The first 12 characters of a hash (the whole of a short one).</summary>
    internal static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
