using Workbench.Notebooks.Execution;

namespace Workbench.Notebooks.Reports;

/// <summary>Writes what a run produces into an output folder: <c>stem.ipynb</c> (executed), <c>stem.html</c> (report) and <c>stem.run.json</c> (manifest).</summary>
public static class NotebookArtifacts
{
    /// <summary>Suffix of manifest files.</summary>
    public const string ManifestSuffix = ".run.json";

    /// <summary>Writes the three files and returns the manifest.</summary>
    /// <param name="result">The run.</param>
    /// <param name="notebookPath">The notebook that ran.</param>
    /// <param name="outputDirectory">Where to write (created if needed).</param>
    /// <param name="startedUtc">When the run started.</param>
    public static RunManifest Write(NotebookRunResult result, string notebookPath, string outputDirectory, DateTime startedUtc)
    {
        Directory.CreateDirectory(outputDirectory);
        string stem = Path.GetFileNameWithoutExtension(notebookPath);
        var manifest = RunManifest.From(result, notebookPath, startedUtc, stem);
        result.Executed.Save(Path.Combine(outputDirectory, manifest.Executed));
        NotebookReport.Build(result, manifest).Save(Path.Combine(outputDirectory, manifest.Report));
        manifest.Save(Path.Combine(outputDirectory, stem + ManifestSuffix));
        return manifest;
    }

    /// <summary>The manifests in a folder, ordered by notebook path.</summary>
    public static IReadOnlyList<RunManifest> ReadAll(string outputDirectory) =>
        Directory.Exists(outputDirectory)
            ? Directory.EnumerateFiles(outputDirectory, "*" + ManifestSuffix).Select(RunManifest.Load).OrderBy(m => m.Notebook, StringComparer.Ordinal).ToList()
            : [];
}
