using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Autoscale.ScaleController.Tests.Config;

/// <summary>Issue #12 finding 6 on the controller: hostile YAML is refused, naming the field, by --check and by reload.</summary>
public sealed class ConfigLimitsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("controller-limits-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Deep_nesting_is_an_error_naming_the_field()
    {
        var result = ConfigLoader.Load("workloads: " + new string('[', 100_000));

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("workloads[0][0]", error, StringComparison.Ordinal);
        Assert.Contains("levels deep", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_refuses_deep_nesting_with_exit_1()
    {
        var path = Path.Combine(_dir, "config.yaml");
        await File.WriteAllTextAsync(path, "workloads: " + new string('[', 100_000));

        Assert.Equal(1, await CheckCommand.RunAsync(path));
    }

    [Fact]
    public void A_live_reload_of_deep_nesting_keeps_the_last_good_config()
    {
        var store = new ConfigStore(NullLogger<ConfigStore>.Instance);
        Assert.True(store.Apply("workloads: [{namespace: llm, name: a}]", "1"));

        Assert.False(store.Apply("defaults: {scaleDown: " + new string('{', 100_000), "2"));

        Assert.Equal("1", store.Snapshot.Revision);
        Assert.StartsWith("defaults.scaleDown", Assert.Single(store.Error!), StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_bomb_is_refused()
    {
        var lines = new List<string> { "x0: &x0 [a, a]" };
        for (int i = 1; i <= 20; i++)
        {
            lines.Add($"x{i}: &x{i} [*x{i - 1}, *x{i - 1}]");
        }

        var result = ConfigLoader.Load(string.Join('\n', lines));

        Assert.Contains("nodes", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("America")]
    [InlineData("../../../etc/passwd")]
    [InlineData("Not/A_Zone")]
    public void A_time_zone_that_is_a_directory_or_a_path_is_an_error_naming_the_field(string zone)
    {
        var result = ConfigLoader.Load($$"""
            workloads:
              - namespace: llm
                name: a
                warmPool: { maxGpus: 4, schedules: [{ days: [Mon], start: "08:00", end: "18:00", timeZone: "{{zone}}", size: 1 }] }
            """);

        Assert.Contains(result.Errors, e => e.StartsWith("workloads[0].warmPool.schedules[0].timeZone:", StringComparison.Ordinal));
    }
}
