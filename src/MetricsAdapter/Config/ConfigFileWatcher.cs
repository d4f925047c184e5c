namespace Autoscale.MetricsAdapter.Config;

/// <summary>
/// Reloads the config file when it changes: polls (on <see cref="TimeProvider"/>) the file's resolved path, size and
/// modification time. The resolved path catches a ConfigMap update, where kubelet swaps the <c>..data</c> symlink to a
/// new directory and the file's own link never changes. An unchanged text is not re-applied.
/// </summary>
internal sealed class ConfigFileWatcher(
    string path, AdapterConfigSource source, TimeProvider time, ILogger<ConfigFileWatcher> logger, TimeSpan? period = null) : BackgroundService
{
    private (string Target, long Size, DateTime Modified)? _seen;

    /// <summary>Reads the file at start; an invalid file fails the start (there is no last good config yet).</summary>
    /// <exception cref="ConfigException">The file is invalid.</exception>
    public static AdapterConfigSource LoadInitial(string path, Prometheus.CollectorRegistry registry)
    {
        var text = File.ReadAllText(path);
        return AdapterConfigReader.TryRead(text, out var config, out var errors)
            ? new AdapterConfigSource(config, registry, text)
            : throw new ConfigException(errors);
    }

    /// <summary>One poll: reloads when the file changed. Public so tests can drive it without the loop.</summary>
    public void Poll()
    {
        try
        {
            var target = Resolve(path);
            var info = new FileInfo(target);
            var fingerprint = (target, info.Length, info.LastWriteTimeUtc);
            if (_seen == fingerprint)
            {
                return;
            }

            var text = File.ReadAllText(target);
            _seen = fingerprint;
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

    // The file's link, then its directory's (kubelet: config.yaml -> ..data/config.yaml, ..data -> ..2026_01_02_.../).
    private static string Resolve(string file)
    {
        var target = File.ResolveLinkTarget(file, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(file);
        var directory = Path.GetDirectoryName(target)!;
        var realDirectory = Directory.ResolveLinkTarget(directory, returnFinalTarget: true)?.FullName ?? directory;
        return Path.Combine(realDirectory, Path.GetFileName(target));
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
