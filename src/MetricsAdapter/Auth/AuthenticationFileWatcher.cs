namespace Autoscale.MetricsAdapter.Auth;

/// <summary>
/// With <c>--authentication-skip-lookup</c>, polls the CA files given by flag so a rotated CA takes effect without a
/// restart (as upstream's dynamic CA file content does); otherwise the ConfigMap refresh re-reads them.
/// </summary>
internal sealed class AuthenticationFileWatcher(CurrentAuthenticationSettings source, TimeProvider time, TimeSpan interval) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                source.ReloadFiles();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
