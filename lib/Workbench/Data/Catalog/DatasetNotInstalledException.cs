namespace Workbench.Data.Catalog;

/// <summary>A dataset's files are missing. The message says where the loader looked and the exact command that installs (or the steps that provide) the data.</summary>
public sealed class DatasetNotInstalledException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="dataset">Catalog name of the dataset.</param>
    /// <param name="lookedFor">The file or folder that was missing.</param>
    /// <param name="installCommand">The command (or steps) that provides the data.</param>
    public DatasetNotInstalledException(string dataset, string lookedFor, string installCommand)
        : base($"Dataset '{dataset}' is not installed: {lookedFor} does not exist. Install it with:\n  {installCommand}")
    {
        Dataset = dataset;
        LookedFor = lookedFor;
        InstallCommand = installCommand;
    }

    /// <summary>Catalog name of the dataset.</summary>
    public string Dataset { get; }

    /// <summary>The missing file or folder.</summary>
    public string LookedFor { get; }

    /// <summary>The command that installs the dataset.</summary>
    public string InstallCommand { get; }
}
