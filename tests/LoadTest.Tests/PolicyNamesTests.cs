using Autoscale.LoadTest.Cli;
using Autoscale.LoadTest.Config;
using Autoscale.LoadTest.Policies;

namespace Autoscale.LoadTest.Tests;

public sealed class PolicyNamesTests
{
    [Fact]
    public void Every_policy_is_named_in_lower_case_as_the_cli_and_the_help_list_it()
    {
        string[] expected = ["cpu-hpa", "common-recipe", "keda", "kpa", "aibrix", "gpu-util-hpa", "autoscale", "oracle"];
        var demand = Synthetic.Demand(Synthetic.Segments(200, 20, (0.5, 60)));

        Assert.Equal(expected, PolicyFactory.Names);
        Assert.Equal(expected, CliParser.AllPolicies);
        Assert.Contains(string.Join(',', expected), HelpText.Usage, StringComparison.Ordinal);
        Assert.All(expected, name => Assert.Equal(name, PolicyFactory.Create(name, SimConfig.Default, demand).Name));
    }
}
