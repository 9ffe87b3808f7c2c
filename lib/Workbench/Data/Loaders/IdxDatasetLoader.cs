namespace Workbench.Data.Loaders;

/// <summary>Loads an IDX image file and its label file (MNIST, Fashion-MNIST, EMNIST layout) into an <see cref="InMemoryImageDataset"/>.</summary>
public static class IdxDatasetLoader
{
    /// <summary>
    /// Reads <paramref name="imagesPath"/> (<c>N x H x W</c> bytes) and <paramref name="labelsPath"/> (<c>N</c> bytes),
    /// optionally resizing to <paramref name="size"/> x <paramref name="size"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">Malformed files, or image and label counts that differ.</exception>
    public static InMemoryImageDataset Load(string name, string imagesPath, string labelsPath, IReadOnlyList<string> classNames, int? size = null)
    {
        var images = IdxFile.Read(imagesPath);
        var labels = IdxFile.Read(labelsPath);
        return FromIdx(name, images, labels, classNames, size, imagesPath, labelsPath);
    }

    /// <summary>Builds the dataset from parsed IDX arrays (several files can be concatenated first).</summary>
    public static InMemoryImageDataset FromIdx(string name, IdxFile images, IdxFile labels, IReadOnlyList<string> classNames, int? size,
        string imagesSource = "images", string labelsSource = "labels")
    {
        if (images.Dimensions.Length != 3) throw new InvalidDataException($"{imagesSource}: expected an N x H x W image array, got {images.Dimensions.Length} dimensions.");
        if (labels.Dimensions.Length != 1) throw new InvalidDataException($"{labelsSource}: expected a 1-d label array, got {labels.Dimensions.Length} dimensions.");
        int n = images.Dimensions[0], h = images.Dimensions[1], w = images.Dimensions[2];
        if (labels.Dimensions[0] != n) throw new InvalidDataException($"{imagesSource} has {n} images but {labelsSource} has {labels.Dimensions[0]} labels.");
        var y = new long[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = labels.Data[i];
            if (y[i] >= classNames.Count) throw new InvalidDataException($"{labelsSource}: label {y[i]} at {i} exceeds the {classNames.Count} classes.");
        }
        byte[] pixels = images.Data;
        if (size is { } s && (s != h || s != w))
        {
            pixels = ImageTensors.ResizeBlocks(pixels, n, 1, h, w, s);
            h = w = s;
        }
        using var t = ImageTensors.FromChw(pixels, n, 1, h, w);
        return new InMemoryImageDataset(name, t, y, classNames);
    }

    /// <summary>Concatenates IDX arrays along the first dimension (e.g. train then test).</summary>
    public static IdxFile Concat(IdxFile a, IdxFile b)
    {
        if (!a.Dimensions.AsSpan(1).SequenceEqual(b.Dimensions.AsSpan(1)))
            throw new InvalidDataException($"Cannot concatenate IDX arrays of shapes {string.Join("x", a.Dimensions)} and {string.Join("x", b.Dimensions)}.");
        var dims = (int[])a.Dimensions.Clone();
        dims[0] += b.Dimensions[0];
        return new IdxFile(dims, [.. a.Data, .. b.Data]);
    }
}
