using Workbench.Data.Catalog;

namespace Workbench.Tests.Data;

/// <summary>
/// A fact that needs an installed real dataset. When the data is missing it is reported as skipped,
/// with the install command as the reason (visible in every test run's summary), unless
/// <c>WORKBENCH_REQUIRE_DATA=1</c>, which makes it run and fail instead (for CI after data/install.sh).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RealDataFactAttribute : FactAttribute
{
    /// <summary>Marks a test that needs <paramref name="dataset"/>.</summary>
    public RealDataFactAttribute(string dataset)
    {
        var root = DataRoot.Resolve();
        if (Environment.GetEnvironmentVariable("WORKBENCH_REQUIRE_DATA") == "1" || DatasetCatalog.IsInstalled(dataset, root)) return;
        Skip = $"REAL DATA MISSING: '{dataset}' is not installed in {root.Path}; run: workbench data install {dataset}  (or bash data/install.sh)";
    }
}
