using Workbench.Reporting;
using Workbench.Reporting.Charts;

namespace Workbench.Tests.Reporting;

/// <summary>A chart page opened in headless Chromium, offline, draws the chart (not just an empty frame).</summary>
public class ChartRenderTests
{
    private const int Width = ChartStyle.DefaultWidth, ChartHeight = ChartStyle.DefaultHeight, PageHeight = 700;

    [ChromiumFact]
    [Trait("Category", "Browser")]
    public void Offline_page_renders_a_non_blank_chart()
    {
        var palette = new MethodPalette();
        palette.Pin("SPQ", "#d62728");
        var history = TrainingHistory.Parse("epoch,loss\n" + string.Join("\n", Enumerable.Range(1, 30).Select(e => $"{e},{3.0 / e}")) + "\n");
        var chart = TrainingCurveChart.Build([new TrainingRun("SPQ", history)], "loss", yTitle: "Loss (nats)", palette: palette);

        string dir = Directory.CreateTempSubdirectory("wb-render-").FullName;
        string page = Path.Combine(dir, "chart.html");
        File.WriteAllText(page, "<!DOCTYPE html><html><head><meta charset=\"utf-8\">" + PlotlyHtml.PlotlyJsScriptTag() +
            "</head><body style=\"margin:0;background:#ffffff\">" + PlotlyHtml.ChartHtml(chart, "c0") +
            $"<div style=\"width:{Width}px;height:{PageHeight - ChartHeight}px\"></div></body></html>");
        byte[] png;
        try
        {
            png = Chromium.Screenshot(page, Width, PageHeight);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        var img = StbImageSharp.ImageResult.FromMemory(png, StbImageSharp.ColorComponents.RedGreenBlue);
        Assert.Equal((Width, PageHeight), (img.Width, img.Height));
        int nonWhiteChart = 0, traceColoured = 0, nonWhiteBelow = 0;
        for (int y = 0; y < img.Height; y++)
        {
            for (int x = 0; x < img.Width; x++)
            {
                int i = (y * img.Width + x) * 3;
                byte r = img.Data[i], g = img.Data[i + 1], b = img.Data[i + 2];
                bool white = r > 250 && g > 250 && b > 250;
                if (y < ChartHeight)
                {
                    if (!white) nonWhiteChart++;
                    if (Math.Abs(r - 0xd6) < 40 && Math.Abs(g - 0x27) < 40 && Math.Abs(b - 0x28) < 40) traceColoured++;
                }
                else if (y > ChartHeight + 10 && !white)
                {
                    nonWhiteBelow++;
                }
            }
        }
        double fraction = nonWhiteChart / (double)(Width * ChartHeight);
        Assert.True(fraction > 0.2, $"chart area is {fraction:P1} non-white; the chart did not render");
        Assert.True(traceColoured > 300, $"only {traceColoured} pixels have the trace colour; the line was not drawn");
        Assert.True(nonWhiteBelow < 50, $"{nonWhiteBelow} non-white pixels below the chart; the page is not what the test wrote");
    }
}
