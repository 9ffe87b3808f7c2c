using Workbench.Reporting;
using Workbench.Reporting.Grids;

namespace Workbench.Tests.Reporting;

public class RetrievalGridTests
{
    private const int Cell = 16, Pad = 5, Stride = Cell + 2 * Pad;

    /// <summary>Database item j is a solid square of grey level 10·j; query q of level 200 + q.</summary>
    private static RetrievalGridSource Source(int[][]? ranked = null, bool[][]? relevance = null)
    {
        var db = arange(10, dtype: ScalarType.Int32).mul(10).to(ScalarType.Byte).reshape(10, 1, 1, 1).expand(10, 3, 8, 8).contiguous();
        var queries = arange(4, dtype: ScalarType.Int32).add(200).to(ScalarType.Byte).reshape(4, 1, 1, 1).expand(4, 3, 8, 8).contiguous();
        ranked ??= [[3, 1, 4], [5, 9, 2], [6, 5], [0, 7, 8]];
        relevance ??= [[true, false, true], [false, false, true], [true, true], [false, true, false]];
        return RetrievalGridSource.FromTensors(queries, db, ranked, relevance, [0, 1, 0, 1], Enumerable.Range(0, 10).Select(j => j % 2).ToArray(), ["cat", "dog"]);
    }

    private static Rgb Centre(ImageGrid g, int row, int col) => g.PixelAt(col * Stride + Pad + Cell / 2, row * Stride + Pad + Cell / 2);

    private static Rgb FramePixel(ImageGrid g, int row, int col) => g.PixelAt(col * Stride + Pad - 2, row * Stride + Pad + Cell / 2);

    [Fact]
    public void Rows_hold_the_query_and_its_ranked_results_framed_by_relevance()
    {
        var grid = RetrievalGrid.Build(Source(), QuerySelection.Chosen(1, 3), topK: 3, cellSize: Cell);
        var canvas = grid.Canvas;
        Assert.Equal([1, 3], grid.Queries);
        Assert.Equal((2 * Stride, 4 * Stride), (canvas.Height, canvas.Width));
        // Images: the query's grey level, then the ranked database items' levels.
        Assert.Equal(new Rgb(201, 201, 201), Centre(canvas, 0, 0));
        Assert.Equal(new Rgb(50, 50, 50), Centre(canvas, 0, 1));
        Assert.Equal(new Rgb(90, 90, 90), Centre(canvas, 0, 2));
        Assert.Equal(new Rgb(20, 20, 20), Centre(canvas, 0, 3));
        Assert.Equal(new Rgb(70, 70, 70), Centre(canvas, 1, 2));
        // Frames: query blue, then red, red, green for query 1; red, green, red for query 3.
        Assert.Equal(Rgb.Query, FramePixel(canvas, 0, 0));
        Assert.Equal([Rgb.Irrelevant, Rgb.Irrelevant, Rgb.Relevant], Enumerable.Range(1, 3).Select(c => FramePixel(canvas, 0, c)));
        Assert.Equal([Rgb.Irrelevant, Rgb.Relevant, Rgb.Irrelevant], Enumerable.Range(1, 3).Select(c => FramePixel(canvas, 1, c)));

        var png = StbImageSharp.ImageResult.FromMemory(grid.ToPng(), StbImageSharp.ColorComponents.RedGreenBlue);
        Assert.Equal((canvas.Width, canvas.Height), (png.Width, png.Height));
        Assert.Equal(canvas.Pixels.ToArray(), png.Data);
    }

    [Fact]
    public void Short_rankings_leave_empty_cells_and_html_has_captions()
    {
        var grid = RetrievalGrid.Build(Source(), QuerySelection.Worst([0.9, 0.2, 0.1, double.NaN], 2, "AP"), topK: 3, cellSize: Cell);
        Assert.Equal([2, 1], grid.Queries); // lowest AP first; NaN skipped
        Assert.Equal(Rgb.White, Centre(grid.Canvas, 0, 3)); // query 2 has only two results
        string html = grid.ToHtml();
        Assert.Contains("2 worst queries by AP (lowest first), top 3", html);
        Assert.Equal(2 * 4 - 1, html.Split("<img ").Length - 1);
        Assert.Contains("query 2<br/>cat<br/>AP = 0.1", html);
        Assert.Contains("✓ #1 · id 6<br/>cat", html);
        Assert.Contains("✗ #2 · id 9<br/>dog", html);
        Assert.Contains(">—</td>", html);
    }

    [Fact]
    public void Query_selections_are_seeded_ordered_and_checked()
    {
        var a = QuerySelection.Random(5, seed: 7).Select(100);
        Assert.Equal(a, QuerySelection.Random(5, seed: 7).Select(100));
        Assert.NotEqual(a, QuerySelection.Random(5, seed: 8).Select(100));
        Assert.Equal(5, a.Distinct().Count());
        Assert.Equal(a.Order(), a);
        Assert.Equal(3, QuerySelection.Random(5, seed: 7).Select(3).Length);
        Assert.Equal([3, 0, 2], QuerySelection.Worst([0.5, 0.7, 0.5, 0.1], 3).Select(4)); // ties by id
        Assert.Throws<ArgumentException>(() => QuerySelection.Worst([0.5], 1).Select(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => QuerySelection.Chosen(9).Select(4));
        Assert.Throws<ArgumentException>(() => QuerySelection.Chosen());
    }

    [Fact]
    public void Inconsistent_inputs_are_rejected_with_the_query_named()
    {
        var e = Assert.Throws<ArgumentException>(() => Source(ranked: [[3], [5], [6], [10]], relevance: [[true], [true], [true], [true]]));
        Assert.Contains("query 3", e.Message);
        Assert.Contains("outside the database", e.Message);
        Assert.Throws<ArgumentException>(() => Source(ranked: [[3], [5], [6], [1]], relevance: [[true], [true], [true], [true, false]]));
        Assert.Throws<ArgumentException>(() => Source(ranked: [[3]], relevance: [[true]]));
        Assert.Throws<ArgumentOutOfRangeException>(() => RetrievalGrid.Build(Source(), QuerySelection.Chosen(0), topK: 0));
    }
}
