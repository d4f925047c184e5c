using Autoscale.LoadTest.Report;

namespace Autoscale.LoadTest.Tests;

public sealed class AxisTicksTests
{
    [Theory]
    [InlineData(7.3, new[] { 0, 2.0, 4, 6, 8 })]
    [InlineData(0.37, new[] { 0, 0.1, 0.2, 0.3, 0.4 })]
    [InlineData(64, new[] { 0, 20.0, 40, 60, 80 })]
    [InlineData(1234, new[] { 0, 500.0, 1000, 1500 })]
    [InlineData(30, new[] { 0, 10.0, 20, 30 })]
    public void Ticks_are_round_and_cover_the_maximum(double max, double[] expected)
    {
        Assert.Equal(expected, AxisTicks.For(max));
    }

    [Fact]
    public void A_chart_prints_only_round_tick_labels()
    {
        var svg = SvgChart.Render("t", "minutes", "replicas", [new ChartSeries("a", "#000", [(0, 0), (57.3, 13.7)])]);

        foreach (var label in new[] { ">0<", ">20<", ">40<", ">60<", ">5<", ">10<", ">15<" })
        {
            Assert.Contains(label, svg, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(">57.3<", svg, StringComparison.Ordinal);
        Assert.DoesNotContain(">14.33<", svg, StringComparison.Ordinal);
    }
}
