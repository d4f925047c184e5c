using k8s;

namespace Autoscale.MetricsAdapter.Auth;

/// <summary>Re-reads the authentication ConfigMap on a timer (quickly until the first success).</summary>
internal sealed class AuthenticationSettingsRefresher(
    CurrentAuthenticationSettings source,
    IKubernetes client,
    TimeProvider time,
    TimeSpan interval) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            var ok = await source.RefreshAsync(client, stoppingToken);
            var wait = ok ? interval : retry;
            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, interval.Ticks));
            try
            {
                await Task.Delay(wait, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
