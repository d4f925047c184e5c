using Microsoft.Extensions.Hosting;

namespace Autoscale.ScaleController.Hosting;

/// <summary>
/// One long-running part of the controller (the watch caches, the config file, the election, the loop) as a hosted
/// service: the host starts them in registration order and stops them in reverse, each by its cancellation token.
/// </summary>
internal sealed class StageService(string name, Func<CancellationToken, Task> run) : BackgroundService
{
    public string Name => name;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await run(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
