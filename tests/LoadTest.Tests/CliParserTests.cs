using Autoscale.Hosting.Flags;
using Autoscale.LoadTest.Cli;

namespace Autoscale.LoadTest.Tests;

public sealed class CliParserTests
{
    [Fact]
    public void Defaults_cover_every_policy()
    {
        var options = CliParser.Parse(["simulate", "--trace", "t.csv"]);

        Assert.Equal(CliParser.AllPolicies, options.Policies);
        Assert.Equal((1.0, 1.0, 1), (options.RateScale, options.TimeScale, options.Seed));
        Assert.Equal(new Report.SloOptions(2, 5, 0.1, 3, 0.99), options.Slo);
    }

    [Theory]
    [InlineData("simulate --trace t.csv --bogus 1", "unknown flag --bogus")]
    [InlineData("simulate --trace t.csv --rate-scale -1", "--rate-scale must be a positive number")]
    [InlineData("simulate --trace t.csv --policies kpa,hpa2", "unknown policy 'hpa2'")]
    [InlineData("simulate --trace t.csv --format parquet", "--format must be")]
    [InlineData("simulate --json out.json", "--trace is required")]
    [InlineData("simulate --trace", "needs a value")]
    [InlineData("replay --trace t.csv", "unknown command")]
    public void Bad_flags_are_usage_errors(string line, string message)
    {
        var error = Assert.Throws<FlagException>(() => CliParser.Parse(line.Split(' ')));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_documents_every_flag()
    {
        foreach (var flag in new[] { "--trace", "--format", "--config", "--policies", "--rate-scale", "--time-scale", "--profile", "--slo-ttft", "--seed", "--json", "--html", "--sizes", "--duration", "--servegen-rate", "--series", "--no-progress" })
        {
            Assert.Contains(flag, HelpText.Usage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Slo_flags_set_floors_and_factors_and_slo_ttft_is_the_floors_alias()
    {
        var options = CliParser.Parse(["simulate", "--trace", "t.csv", "--slo-ttft-floor", "1.5", "--slo-ttft-factor", "4", "--slo-tpot-floor", "0.2", "--slo-tpot-factor", "2"]);

        Assert.Equal(new Report.SloOptions(1.5, 4, 0.2, 2, 0.99), options.Slo);
        Assert.Equal(3, CliParser.Parse(["simulate", "--trace", "t.csv", "--slo-ttft", "3"]).Slo.TtftFloorSeconds);
        var both = Assert.Throws<FlagException>(() => CliParser.Parse(["simulate", "--trace", "t.csv", "--slo-ttft", "3", "--slo-ttft-floor", "2"]));
        Assert.Contains("alias", both.Message, StringComparison.Ordinal);
        Assert.Throws<FlagException>(() => CliParser.Parse(["simulate", "--trace", "t.csv", "--slo-tpot-factor", "0"]));
    }
}
