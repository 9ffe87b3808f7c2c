namespace Workbench.Data.Synthetic;

/// <summary>
/// The classes of the synthetic set: shapes given by an inside test on the unit frame
/// (<c>x, y</c> in [-1, 1], y up).
/// </summary>
public static class SyntheticShape
{
    /// <summary>Class names, by class id.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["circle", "square", "triangle", "plus", "ring", "diamond", "star", "hexagon", "heart", "arrow"];

    /// <summary>True when (<paramref name="x"/>, <paramref name="y"/>) lies inside shape <paramref name="shape"/>.</summary>
    public static bool Inside(int shape, double x, double y)
    {
        switch (shape)
        {
            case 0: return x * x + y * y <= 0.81;
            case 1: return Math.Max(Math.Abs(x), Math.Abs(y)) <= 0.72;
            case 2: return y >= -0.6 && y <= 0.85 && Math.Abs(x) <= (0.85 - y) * 0.62;
            case 3: return (Math.Abs(x) <= 0.28 && Math.Abs(y) <= 0.85) || (Math.Abs(y) <= 0.28 && Math.Abs(x) <= 0.85);
            case 4:
            {
                double r = Math.Sqrt(x * x + y * y);
                return r <= 0.88 && r >= 0.5;
            }
            case 5: return Math.Abs(x) + Math.Abs(y) <= 0.9;
            case 6:
            {
                // Five-pointed star: radius between 0.38 (inner corners) and 0.92 (points), linear in angle.
                double r = Math.Sqrt(x * x + y * y);
                double sector = 2 * Math.PI / 5, t = Math.Atan2(y, x) - Math.PI / 2;
                double phase = ((t % sector) + sector) % sector / sector; // 0 at a point, 0.5 at an inner corner
                double toPoint = Math.Abs(2 * phase - 1);                  // 1 at points, 0 at inner corners
                return r <= 0.38 + 0.54 * toPoint;
            }
            case 7:
            {
                double ax = Math.Abs(x), ay = Math.Abs(y);
                return ay <= 0.75 && 0.866 * ax + 0.5 * ay <= 0.75;
            }
            case 8:
            {
                double u = x * 1.25, v = y * 1.25 + 0.2;
                double a = u * u + v * v - 1;
                return a * a * a - u * u * v * v * v <= 0;
            }
            default:
                return (Math.Abs(y) <= 0.25 && x >= -0.85 && x <= 0.2) || (x >= 0.1 && x <= 0.85 && Math.Abs(y) <= (0.85 - x) * 0.95);
        }
    }
}
