namespace Workbench.Data.Loaders.Mat;

/// <summary>
/// One MATLAB array read from a Level 5 MAT-file: numeric (any integer or float class, as doubles),
/// char (as a string, columns joined), cell (items in column-major order) or struct (per element, a
/// value per field).
/// </summary>
public sealed class MatArray
{
    /// <summary>Kinds of array the reader returns.</summary>
    public enum ArrayKind
    {
        /// <summary>Numbers (logical and every integer/float class), as doubles.</summary>
        Numeric,

        /// <summary>Characters.</summary>
        Char,

        /// <summary>Cell array.</summary>
        Cell,

        /// <summary>Struct array.</summary>
        Struct,
    }

    /// <summary>Creates an array.</summary>
    internal MatArray(ArrayKind kind, string name, int[] dims)
    {
        Kind = kind;
        Name = name;
        Dimensions = dims;
    }

    /// <summary>The kind.</summary>
    public ArrayKind Kind { get; }

    /// <summary>Variable name (empty for cell items and struct fields).</summary>
    public string Name { get; }

    /// <summary>MATLAB dimensions.</summary>
    public int[] Dimensions { get; }

    /// <summary>Number of elements (product of the dimensions).</summary>
    public int Count => Dimensions.Aggregate(1, (a, b) => a * b);

    /// <summary>The numbers of a numeric array (column-major).</summary>
    public double[] Numbers { get; internal set; } = [];

    /// <summary>The text of a char array.</summary>
    public string Text { get; internal set; } = "";

    /// <summary>The items of a cell array (column-major).</summary>
    public MatArray[] Items { get; internal set; } = [];

    /// <summary>The field names of a struct array.</summary>
    public string[] FieldNames { get; internal set; } = [];

    /// <summary>Per struct element (column-major), the value of every field, in <see cref="FieldNames"/> order.</summary>
    public MatArray[][] Elements { get; internal set; } = [];

    /// <summary>Field <paramref name="field"/> of struct element <paramref name="index"/>.</summary>
    /// <exception cref="KeyNotFoundException">The struct has no such field.</exception>
    public MatArray Field(int index, string field)
    {
        int f = Array.IndexOf(FieldNames, field);
        if (f < 0) throw new KeyNotFoundException($"Struct '{Name}' has no field '{field}' (fields: {string.Join(", ", FieldNames)}).");
        return Elements[index][f];
    }
}
