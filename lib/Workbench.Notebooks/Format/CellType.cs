namespace Workbench.Notebooks.Format;

/// <summary>The nbformat <c>cell_type</c>.</summary>
public enum CellType
{
    /// <summary>Source code run by a kernel (<c>code</c>).</summary>
    Code,

    /// <summary>Markdown text (<c>markdown</c>).</summary>
    Markdown,

    /// <summary>Unrendered text (<c>raw</c>).</summary>
    Raw,
}
