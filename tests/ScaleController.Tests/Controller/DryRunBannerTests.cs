using Autoscale.ScaleController.Tests.Kube;
using Microsoft.Extensions.Logging;

namespace Autoscale.ScaleController.Tests.Controller;

/// <summary>
/// Issue #13 item 8: with --dry-run the controller logged "dry-run False" (the config's key) and no banner, so its
/// log read as if it acted. Now a Warning banner at start-up says nothing is written, and the config line names the
/// config's own key.
/// </summary>
public sealed class DryRunBannerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Dry_run_starts_with_a_banner_and_the_config_line_names_its_key(bool dryRun)
    {
        await using var h = await ControllerHarness.StartAsync();
        using var logs = new LogCapture();
        var app = await h.StartControllerAsync("pod-a", o => o with { DryRun = dryRun, LeaderElect = false }, logs.Factory);

        await Eventually.TrueAsync(() => app.Parts.Loop.Rounds >= 1, Timeout, "a round");

        var banner = logs.Entries.Where(e => e.Message.StartsWith("DRY RUN (--dry-run): decisions are made and logged, nothing is written to the cluster", StringComparison.Ordinal)).ToList();
        Assert.Equal(dryRun ? 1 : 0, banner.Count);
        Assert.All(banner, e => Assert.Equal(LogLevel.Warning, e.Level));
        Assert.Contains(logs.Entries, e => e.Message.EndsWith("accepted: 1 workloads, config dryRun: false", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("dry-run False", StringComparison.Ordinal));
    }
}
