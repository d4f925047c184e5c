namespace Autoscale.LoadTest.Report;

/// <summary>One named line (or set of dots) on a chart.</summary>
internal sealed record ChartSeries(string Name, string Color, IReadOnlyList<(double X, double Y)> Points, bool Dots = false);
