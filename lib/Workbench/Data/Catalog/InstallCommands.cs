namespace Workbench.Data.Catalog;

/// <summary>The exact commands that install a catalog dataset, for error messages and help text.</summary>
public static class InstallCommands
{
    /// <summary>
    /// <c>workbench data install NAME</c> (with <c>--data-root</c> when <paramref name="root"/> is not the
    /// default) and the equivalent <c>bash data/install.sh</c> line.
    /// </summary>
    public static string For(string dataset, DataRoot root)
    {
        string script = dataset is "emoji-office" or "emoji-office-41" or "emoji-7" ? "emoji" : dataset;
        string rootArg = root.IsDefault ? "" : $" --data-root {root.Path}";
        string scriptRoot = root.IsDefault ? "" : $" --root {root.Path}";
        return $"workbench data install {dataset}{rootArg}    (or, from a checkout: bash data/install.sh{scriptRoot} {script})";
    }
}
