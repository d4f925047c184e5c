using Autoscale.Hosting;
using Autoscale.ScaleController.Hosting;
using Autoscale.ScaleController.Tests.Controller;

namespace Autoscale.ScaleController.Tests.Hosting;

/// <summary>Issue #13 item 4: <c>--version</c>, the version in <c>autoscale_controller_build_info</c>, process metrics.</summary>
public sealed class VersionTests
{
    [Fact]
    public async Task Version_prints_one_line_with_version_and_commit_and_exits_0()
    {
        // Other flags are ignored: --version answers before any parsing or cluster access.
        var (exit, stdout, stderr) = await Tool.RunAsync(
            Path.Combine(AppContext.BaseDirectory, "Autoscale.ScaleController"), ["--kubeconfig=/nonexistent", "--version"], timeout: TimeSpan.FromSeconds(60));

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var line = Assert.Single(stdout.TrimEnd().Split('\n'));
        Assert.Matches(@"^Autoscale\.ScaleController 0\.1\.0 \(commit ([0-9a-f]{7,40}|unknown)\)$", line);
        Assert.Equal(ThisBuild.Current.Line, line);
    }

    [Theory]
    [InlineData("0.1.0+abc1234", "0.1.0", "abc1234")]
    [InlineData("0.1.0", "0.1.0", "unknown")]
    public void The_informational_version_splits_into_version_and_commit(string informational, string version, string commit)
    {
        var info = BuildInfo.Parse("Autoscale.ScaleController", informational, "10.0.1");

        Assert.Equal($"Autoscale.ScaleController {version} (commit {commit})", info.Line);
    }

    [Fact]
    public async Task Metrics_serve_build_info_and_process_metrics()
    {
        await using var h = await ControllerHarness.StartAsync();
        var app = await h.StartControllerAsync("pod-a", o => o with { HealthPort = 0 });
        using var http = new HttpClient { BaseAddress = app.HealthAddress };

        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        var build = ThisBuild.Current;
        Assert.Equal("0.1.0", build.Version);
        Assert.Contains(
            $"autoscale_controller_build_info{{version=\"0.1.0\",commit=\"{build.Commit}\",dotnet_version=\"{Environment.Version}\"}} 1",
            metrics, StringComparison.Ordinal);
        Assert.True(Sample(metrics, "process_cpu_seconds_total") >= 0);
        Assert.True(Sample(metrics, "process_working_set_bytes") > 0);
        Assert.True(Sample(metrics, "process_start_time_seconds") > 0);
        Assert.True(Sample(metrics, "dotnet_total_memory_bytes") > 0);
    }

    /// <summary>The value of an unlabelled series in a text exposition.</summary>
    private static double Sample(string exposition, string name)
    {
        var line = exposition.Split('\n').FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"no series {name} in:\n{exposition}");
        return double.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
