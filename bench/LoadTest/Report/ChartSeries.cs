namespace Autoscale.LoadTest.Report;

/// <summary>One named line (or set of dots) on a chart; a dashed line marks a reference such as a bound.</summary>
internal sealed record ChartSeries(string Name, string Color, IReadOnlyList<(double X, double Y)> Points, bool Dots = false, bool Dashed = false);
