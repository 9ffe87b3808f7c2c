using Microsoft.Data.Analysis;
using Plotly.NET;
using Workbench.Runtime;

namespace Workbench.Reporting;

/// <summary>
/// What a notebook's setup cell calls, in VS Code (Polyglot Notebooks) and in the workbench's
/// headless runner alike: load TorchSharp's natives and register the workbench's HTML for charts,
/// tables and image grids. It takes no compile-time dependency on the .NET Interactive Formatting package: the
/// cell passes a registration callback compiled against whichever Formatting assembly its host has.
/// </summary>
/// <example>
/// <code>
/// #r "../lib/Workbench/bin/Release/net10.0/Workbench.dll"
/// using Microsoft.DotNet.Interactive.Formatting;
/// Workbench.Reporting.NotebookSetup.Initialize((type, html, mime) => Formatter.Register(type, (o, w) => w.Write(html(o)), mime));
/// </code>
/// </example>
public static class NotebookSetup
{
    /// <summary>
    /// <see cref="AppContext"/> key under which a host may put a <c>Func&lt;string&gt;</c> that gives
    /// deterministic chart div ids (the runner gives <c>nb-c{cell}-o{n}</c>).
    /// </summary>
    public const string ChartIdSourceKey = "Workbench.Reporting.NotebookSetup.ChartIdSource";

    private static int _plotlyEmbedded;

    /// <summary>
    /// Binds FSharp.Core to the host's copy (<see cref="FSharpCoreBinding"/>), loads TorchSharp's
    /// natives and registers the chart, table and image-grid formatters.
    /// </summary>
    /// <param name="register">Called once per formatter with (value type, value → HTML, MIME type);
    /// pass <c>(type, html, mime) => Formatter.Register(type, (o, w) => w.Write(html(o)), mime)</c>.</param>
    /// <returns>What the native loader did (a no-op report when already loaded).</returns>
    public static TorchLoadReport Initialize(Action<Type, Func<object, string>, string> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        // Before anything touches Plotly.NET (and so FSharp.Core): Register is compiled only when called.
        FSharpCoreBinding.Install();
        var report = TorchRuntime.EnsureLoaded();
        Register(register);
        return report;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Register(Action<Type, Func<object, string>, string> register)
    {
        register(typeof(GenericChart), o => ChartHtml((GenericChart)o), "text/html");
        register(typeof(DataFrame), o => TableHtml((DataFrame)o), "text/html");
        register(typeof(ImageGrid), o => ((ImageGrid)o).ToHtml(), "text/html");
        register(typeof(Grids.RetrievalGrid), o => ((Grids.RetrievalGrid)o).ToHtml(), "text/html");
    }

    /// <summary>
    /// A chart's HTML (<see cref="PlotlyHtml.ChartHtml(GenericChart, string, bool)"/>) with the host's next chart id
    /// (<see cref="NextChartId"/>). The first chart of the process carries plotly.js (offline, once
    /// per notebook session); later ones draw with that copy.
    /// </summary>
    public static string ChartHtml(GenericChart chart) =>
        PlotlyHtml.ChartHtml(chart, NextChartId(), embedPlotlyJs: Interlocked.Exchange(ref _plotlyEmbedded, 1) == 0);

    /// <summary>A table's HTML (<see cref="Reporting.TableHtml.Render"/> with its defaults).</summary>
    public static string TableHtml(DataFrame frame) => Reporting.TableHtml.Render(frame);

    /// <summary>
    /// Does the one-time work of the first chart (JSON serializer start-up, the default template's
    /// JSON) so that a host can run it in the background while it compiles cells.
    /// </summary>
    public static void WarmUpCharts() => _ = PlotlyFigureJson.Of(Plotly.NET.CSharp.Chart.Point<int, int, string>(new[] { 0 }, new[] { 0 }));

    /// <summary>The next chart id from the host's <see cref="ChartIdSourceKey"/> source, else a random one.</summary>
    public static string NextChartId() =>
        AppContext.GetData(ChartIdSourceKey) is Func<string> source ? source() : RandomChartId();

    /// <summary>A random id (<c>wb-</c> + 12 hex digits) for hosts without deterministic ids: outputs of earlier kernel sessions stay on the page in VS Code.</summary>
    public static string RandomChartId() => "wb-" + Guid.NewGuid().ToString("N")[..12];
}
