using Workbench.Runtime;

namespace Workbench.Data.Synthetic;

/// <summary>
/// A seeded, procedurally drawn multi-domain image set: the built-in default when no dataset is
/// installed, and the fixture of fast tests. Classes are shapes (<see cref="SyntheticShape"/>);
/// domains are rendering styles, so the same class looks different across domains the way a
/// photo, a clip-art and a sketch do:
/// <list type="bullet">
/// <item><c>solid</c>: the shape filled with a saturated colour on a light, plain background;</item>
/// <item><c>outline</c>: a black stroke of the shape's border on white (line art);</item>
/// <item><c>texture</c>: the shape filled with coloured stripes on a background of pixel noise;</item>
/// <item><c>inverse</c>: a pale shape on a dark background with a soft vignette and grain.</item>
/// </list>
/// Every image has its own position, scale, rotation, colours and stroke, drawn from a random
/// stream derived from (seed, image index), so generation is parallel and still deterministic.
/// Edges are antialiased by 2x2 supersampling. RGB, uint8.
/// </summary>
public static class SyntheticImageSet
{
    /// <summary>Catalog name.</summary>
    public const string Name = "synthetic";

    /// <summary>Domain names, by domain id.</summary>
    public static readonly IReadOnlyList<string> DomainNames = ["solid", "outline", "texture", "inverse"];

    /// <summary>Draws the set. Images are ordered domain, then class, then instance.</summary>
    public static InMemoryImageDataset Generate(SyntheticOptions? options = null)
    {
        var o = options ?? new SyntheticOptions();
        o.Validate();
        int n = o.Count, s = o.Size, per = 3 * s * s;
        var pixels = new byte[(long)n * per];
        var labels = new long[n];
        var domains = new int[n];
        for (int i = 0; i < n; i++)
        {
            domains[i] = i / (o.Classes * o.PerClassPerDomain);
            labels[i] = i / o.PerClassPerDomain % o.Classes;
        }
        Parallel.For(0, n, i => Draw(pixels.AsSpan((int)((long)i * per), per), (int)labels[i], domains[i], s,
            new Random(unchecked((int)Seeding.Derive($"synthetic/{i}", o.Seed)))));
        using var t = ImageTensors.FromChw(pixels, n, 3, s, s);
        return new InMemoryImageDataset(Name, t, labels, SyntheticShape.Names.Take(o.Classes).ToArray(), domains, DomainNames.Take(o.Domains).ToArray());
    }

    private static void Draw(Span<byte> chw, int shape, int domain, int size, Random rng)
    {
        // Pose: image pixel (px, py) -> shape frame (x, y).
        double scale = 0.62 + 0.3 * rng.NextDouble(), angle = (rng.NextDouble() - 0.5) * 0.9;
        double cx = (rng.NextDouble() - 0.5) * (1 - scale) * 1.6, cy = (rng.NextDouble() - 0.5) * (1 - scale) * 1.6;
        double cos = Math.Cos(angle), sin = Math.Sin(angle);
        double stroke = (0.1 + 0.08 * rng.NextDouble()) / scale;
        var fg = Hue(rng.NextDouble(), 0.75 + 0.25 * rng.NextDouble(), 0.55 + 0.35 * rng.NextDouble());
        var fg2 = Hue(rng.NextDouble(), 0.8, 0.95);
        var bg = domain switch
        {
            0 => Grey(215 + rng.Next(40)),
            1 => Grey(255),
            2 => Hue(rng.NextDouble(), 0.3, 0.6),
            _ => Grey(20 + rng.Next(40)),
        };
        double stripeAngle = rng.NextDouble() * Math.PI, stripeFreq = 3 + 4 * rng.NextDouble();
        double sa = Math.Cos(stripeAngle), sb = Math.Sin(stripeAngle);
        int plane = size * size;
        for (int py = 0; py < size; py++)
        {
            for (int px = 0; px < size; px++)
            {
                int hits = 0;
                for (int sy = 0; sy < 2; sy++)
                {
                    for (int sx = 0; sx < 2; sx++)
                    {
                        double u = ((px + 0.25 + 0.5 * sx) / size * 2 - 1 - cx) / scale;
                        double v = -(((py + 0.25 + 0.5 * sy) / size * 2 - 1 - cy) / scale);
                        double x = cos * u + sin * v, y = -sin * u + cos * v;
                        bool inside = SyntheticShape.Inside(shape, x, y);
                        if (domain == 1 && inside)
                        {
                            inside = !(SyntheticShape.Inside(shape, x + stroke, y) && SyntheticShape.Inside(shape, x - stroke, y)
                                       && SyntheticShape.Inside(shape, x, y + stroke) && SyntheticShape.Inside(shape, x, y - stroke));
                        }
                        if (inside) hits++;
                    }
                }
                double a = hits / 4.0;
                (double r, double g, double b) ink = domain switch
                {
                    0 => fg,
                    1 => (20, 20, 20),
                    2 => Math.Sin((px * sa + py * sb) / size * stripeFreq * 2 * Math.PI) > 0 ? fg : fg2,
                    _ => (235, 230, 215),
                };
                (double r, double g, double b) back = bg;
                if (domain == 2)
                {
                    double noise = rng.Next(-60, 61);
                    back = (bg.r + noise, bg.g + noise, bg.b + noise);
                }
                else if (domain == 3)
                {
                    double dx = px / (double)size - 0.5, dy = py / (double)size - 0.5, grain = rng.Next(-12, 13);
                    double vignette = 1 - 1.2 * (dx * dx + dy * dy);
                    back = (bg.r * vignette + grain, bg.g * vignette + grain, bg.b * vignette + grain);
                    ink = (ink.r + grain, ink.g + grain, ink.b + grain);
                }
                int k = py * size + px;
                chw[k] = Mix(back.r, ink.r, a);
                chw[plane + k] = Mix(back.g, ink.g, a);
                chw[2 * plane + k] = Mix(back.b, ink.b, a);
            }
        }
    }

    private static byte Mix(double back, double ink, double a) => (byte)Math.Clamp(Math.Round(back + (ink - back) * a), 0, 255);

    private static (double r, double g, double b) Grey(int v) => (v, v, v);

    /// <summary>HSV (all in [0, 1]) to RGB in [0, 255].</summary>
    private static (double r, double g, double b) Hue(double h, double s, double v)
    {
        double c = v * s, hp = h * 6, x = c * (1 - Math.Abs(hp % 2 - 1)), m = v - c;
        var (r, g, b) = (int)hp switch
        {
            0 => (c, x, 0.0),
            1 => (x, c, 0.0),
            2 => (0.0, c, x),
            3 => (0.0, x, c),
            4 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        return ((r + m) * 255, (g + m) * 255, (b + m) * 255);
    }
}
