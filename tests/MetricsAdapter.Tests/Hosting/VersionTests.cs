using Autoscale.Hosting;
using System.Text.RegularExpressions;
using Autoscale.MetricsAdapter.Hosting;
using Autoscale.MetricsAdapter.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.MetricsAdapter.Tests.Hosting;

/// <summary>Issue #13 item 4: <c>--version</c>, the version in <c>autoscale_adapter_build_info</c>, process metrics.</summary>
public sealed partial class VersionTests
{
    [Theory]
    [InlineData("--version")]
    [InlineData("serve", "--version")]
    public async Task Version_prints_one_line_with_version_and_commit_and_exits_0(params string[] args)
    {
        var (exit, stdout, stderr) = await RunAsync(args);

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var line = Assert.Single(stdout.TrimEnd().Split('\n'));
        Assert.Matches(VersionLine(), line);
        Assert.Equal(ThisBuild.Current.Line, line);
    }

    [Fact]
    public void The_build_carries_the_props_version_and_a_commit()
    {
        Assert.Equal("0.1.0", ThisBuild.Current.Version);
        // A short hash when the build had git (it has here: the tests run from a checkout), "unknown" otherwise.
        Assert.Matches("^([0-9a-f]{7,40}|unknown)$", ThisBuild.Current.Commit);
        Assert.Equal(Environment.Version.ToString(), ThisBuild.Current.Runtime);
    }

    [Theory]
    [InlineData("0.1.0+abc1234", "0.1.0", "abc1234")]
    [InlineData("0.1.0", "0.1.0", "unknown")]
    [InlineData("0.1.0+", "0.1.0", "unknown")]
    [InlineData("1.2.3-rc.1+deadbeef", "1.2.3-rc.1", "deadbeef")]
    public void The_informational_version_splits_into_version_and_commit(string informational, string version, string commit)
    {
        var info = BuildInfo.Parse("Autoscale.MetricsAdapter", informational, "10.0.1");

        Assert.Equal(version, info.Version);
        Assert.Equal(commit, info.Commit);
        Assert.Equal($"Autoscale.MetricsAdapter {version} (commit {commit})", info.Line);
    }

    [Fact]
    public async Task Metrics_port_serves_build_info_and_process_metrics()
    {
        using var pki = new TestPki();
        await using var adapter = await RunningAdapter.StartAsync(pki, TestFleet.Create(), new FakeTimeProvider(TestFleet.Now));
        using var plain = new HttpClient();

        var text = await plain.GetStringAsync(new Uri(adapter.MetricsUri!, "/metrics"));

        var build = ThisBuild.Current;
        Assert.Contains(
            $"autoscale_adapter_build_info{{version=\"{build.Version}\",commit=\"{build.Commit}\",dotnet_version=\"{Environment.Version}\"}} 1",
            text, StringComparison.Ordinal);
        Assert.True(Sample(text, "process_cpu_seconds_total") >= 0);
        Assert.True(Sample(text, "process_working_set_bytes") > 0);
        Assert.True(Sample(text, "process_start_time_seconds") > 0);
        Assert.True(Sample(text, "dotnet_total_memory_bytes") > 0);
        Assert.Contains("dotnet_collection_count_total{generation=\"0\"}", text, StringComparison.Ordinal);
    }

    /// <summary>The value of an unlabelled series in a text exposition.</summary>
    private static double Sample(string exposition, string name)
    {
        var line = exposition.Split('\n').FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"no series {name} in:\n{exposition}");
        return double.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Task<ToolResult> RunAsync(params string[] args) => Tool.RunProgramAsync("Autoscale.MetricsAdapter.dll", args);

    [GeneratedRegex(@"^Autoscale\.MetricsAdapter 0\.1\.0 \(commit ([0-9a-f]{7,40}|unknown)\)$")]
    private static partial Regex VersionLine();
}
