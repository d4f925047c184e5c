using Autoscale.Hosting;

namespace Autoscale.MetricsAdapter.Config;

/// <summary>
/// Reloads the config file when it changes: polls (on <see cref="TimeProvider"/>) a <see cref="WatchedFile"/>, which
/// follows kubelet's <c>..data</c> symlink swap. An unchanged file is not re-applied.
/// </summary>
internal sealed class ConfigFileWatcher(
    string path, CurrentAdapterConfig source, TimeProvider time, ILogger<ConfigFileWatcher> logger, TimeSpan? period = null) : BackgroundService
{
    private readonly WatchedFile _file = new(path);

    /// <summary>Reads the file at start; an invalid file fails the start (there is no last good config yet).</summary>
    /// <exception cref="ConfigException">The file is invalid.</exception>
    public static CurrentAdapterConfig LoadInitial(string path, Prometheus.CollectorRegistry registry)
    {
        var text = File.ReadAllText(path);
        return AdapterConfigReader.TryRead(text, out var config, out var errors)
            ? new CurrentAdapterConfig(config, registry, text)
            : throw new ConfigException(errors);
    }

    /// <summary>One poll: reloads when the file changed. Public so tests can drive it without the loop.</summary>
    public void Poll()
    {
        try
        {
            if (_file.ReadIfChanged() is not { } text)
            {
                return;
            }

            if (source.TryApply(text, out var error))
            {
                ConfigLog.Reloaded(logger, path);
            }
            else
            {
                ConfigLog.Refused(logger, path, error!);
            }
        }
        catch (IOException e)
        {
            ConfigLog.Unreadable(logger, path, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            ConfigLog.Unreadable(logger, path, e.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Nothing else may escape: an exception here would stop the host and break "the last good config keeps serving".
            ConfigLog.Unreadable(logger, path, $"{e.GetType().Name}: {e.Message}");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(period ?? TimeSpan.FromSeconds(5), time);
        try
        {
            do
            {
                Poll();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
