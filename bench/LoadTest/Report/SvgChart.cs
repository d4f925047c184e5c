using System.Globalization;
using System.Net;
using System.Text;

namespace Autoscale.LoadTest.Report;

/// <summary>
/// A minimal inline-SVG line/dot chart: round ticks (<see cref="AxisTicks"/>) on both axes, labelled axes with units,
/// a legend; no scripts, no external assets.
/// </summary>
internal static class SvgChart
{
    private const int Width = 900;
    private const int Left = 60;
    private const int Right = 190;
    private const int Top = 30;
    private const int Bottom = 40;

    public static string Render(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series, double? yMax = null, int height = 280, double? xMax = null)
    {
        var all = series.SelectMany(s => s.Points).ToList();
        var xTicks = AxisTicks.For(xMax ?? (all.Count == 0 ? 1 : all.Max(p => p.X)));
        var yTicks = AxisTicks.For(yMax ?? (all.Count == 0 ? 1 : Math.Max(1, all.Max(p => p.Y))));
        var (right, top) = (xTicks[^1], yTicks[^1]);
        var plotW = Width - Left - Right;
        var plotH = height - Top - Bottom;
        string X(double x) => F(Left + (Math.Clamp(x, 0, right) / right * plotW));
        string Y(double y) => F(Top + plotH - (Math.Clamp(y, 0, top) / top * plotH));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\" aria-label=\"{E(title)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{E(title)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotW}\" height=\"{plotH}\" fill=\"none\" stroke=\"#999\"/>");
        foreach (var yv in yTicks)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Left + plotW}\" y1=\"{Y(yv)}\" y2=\"{Y(yv)}\" stroke=\"#eee\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 5}\" y=\"{Y(yv)}\" text-anchor=\"end\" dominant-baseline=\"middle\">{F(yv)}</text>");
        }

        foreach (var xv in xTicks)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(xv)}\" x2=\"{X(xv)}\" y1=\"{Top + plotH}\" y2=\"{Top + plotH + 4}\" stroke=\"#999\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(xv)}\" y=\"{Top + plotH + 16}\" text-anchor=\"middle\">{F(xv)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + (plotW / 2)}\" y=\"{height - 6}\" text-anchor=\"middle\">{E(xLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"14\" y=\"{Top + (plotH / 2)}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {Top + (plotH / 2)})\">{E(yLabel)}</text>");
        var legendY = Top + 10;
        foreach (var s in series)
        {
            if (s.Dots)
            {
                foreach (var p in s.Points)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(p.X)}\" cy=\"{Y(p.Y)}\" r=\"2.5\" fill=\"{s.Color}\" fill-opacity=\"0.7\"/>");
                }
            }
            else if (s.Points.Count > 0)
            {
                var path = string.Join(' ', s.Points.Select(p => X(p.X) + "," + Y(p.Y)));
                var dash = s.Dashed ? " stroke-dasharray=\"6 4\"" : "";
                svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"1.5\"{dash} points=\"{path}\"/>");
            }

            if (s.Dashed)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Width - Right + 8}\" x2=\"{Width - Right + 22}\" y1=\"{legendY - 3}\" y2=\"{legendY - 3}\" stroke=\"{s.Color}\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/>");
            }
            else
            {
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Width - Right + 10}\" y=\"{legendY - 8}\" width=\"10\" height=\"10\" fill=\"{s.Color}\"/>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right + 25}\" y=\"{legendY}\">{E(s.Name)}</text>");
            legendY += 16;
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    internal static string F(double value) => value.ToString(Math.Abs(value) >= 100 ? "0" : "0.###", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
