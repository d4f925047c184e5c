using Autoscale.LoadTest.Profiles;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.LoadTest.Tests.Profiles;

/// <summary>Every profile against the committed table of published figures: points within ±25 %, bounds not exceeded.</summary>
public sealed class CalibrationTests
{
    private const double Tolerance = 0.25;

    public static TheoryData<string, string, string> Checked()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var p in ReferencePoints.Read(ReferencePoints.DefaultPath).Where(p => p.Kind != "none"))
        {
            data.Add(p.Profile, p.Shape, p.Metric);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Checked))]
    public void Model_meets_the_published_figure(string profileName, string shapeName, string metric)
    {
        var point = ReferencePoints.Read(ReferencePoints.DefaultPath).Single(p => (p.Profile, p.Shape, p.Metric) == (profileName, shapeName, metric));
        var profile = ReplicaProfiles.Get(profileName);

        var modelled = Measure(profile, shapeName, metric);

        var figure = point.Figure!.Value;
        if (point.Kind == "upper-bound")
        {
            Assert.True(modelled < figure, $"{profileName} {shapeName} {metric}: {modelled:0.####} is not below {figure} ({point.Source})");
        }
        else
        {
            Assert.True(
                Math.Abs((modelled / figure) - 1) <= Tolerance,
                $"{profileName} {shapeName} {metric}: {modelled:0.####} vs published {figure} ({point.Source}), {((modelled / figure) - 1):+0%;-0%}");
        }
    }

    [Fact]
    public void The_table_covers_every_profile_on_every_report_shape()
    {
        var points = ReferencePoints.Read(ReferencePoints.DefaultPath);

        foreach (var profile in ReplicaProfiles.All)
        {
            foreach (var shape in RequestShapes.Report)
            {
                // A ShareGPT run with its own published sizes stands for the ShareGPT-like shape; a "none" row says
                // that nothing was published.
                Assert.Contains(points, p => p.Profile == profile.Name && (p.Shape == shape.Name || (shape.ShareGptLike && p.Shape.StartsWith("sharegpt", StringComparison.Ordinal))));
            }
        }

        Assert.All(points.Where(p => p.Kind != "none"), p => Assert.StartsWith("https://", p.Source, StringComparison.Ordinal));
    }

    private static double Measure(ReplicaProfile profile, string shapeName, string metric)
    {
        if (metric == "idle_itl_seconds")
        {
            var shape = RequestShapes.ShareGpt;
            return IdleLatency.ItlSeconds(profile, (int)shape.MeanInputTokens, (int)shape.MeanOutputTokens)!.Value;
        }

        Assert.True(RequestShapes.TryGet(shapeName, out var requestShape), $"unknown shape {shapeName}");
        var run = SaturationBenchmark.Run(profile, requestShape);
        return metric switch
        {
            "requests_per_second" => run.RequestsPerSecond,
            "output_tokens_per_second" => run.OutputTokensPerSecond,
            "mean_itl_seconds" => run.MeanItlSeconds,
            "mean_tpot_seconds" => run.MeanTpotSeconds,
            _ => throw new ArgumentException($"unknown metric {metric}", nameof(metric)),
        };
    }
}
