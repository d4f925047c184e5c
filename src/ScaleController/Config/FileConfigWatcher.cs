using System.Security.Cryptography;
using Autoscale.Hosting;
using Microsoft.Extensions.Logging;

namespace Autoscale.ScaleController.Config;

/// <summary>
/// Local-file mode (<c>--config=FILE</c>): reads the file now and again on a timer when it changed (a
/// <see cref="WatchedFile"/>, which follows kubelet's <c>..data</c> symlink swap); a changed content (by hash) is a new
/// revision. A missing or unreadable file keeps the last good config.
/// </summary>
internal sealed partial class FileConfigWatcher(string path, ConfigFeed feed, TimeSpan interval, TimeProvider time, ILogger<FileConfigWatcher> logger)
{
    private readonly WatchedFile _file = new(path);
    private string? _lastError;

    public async Task RunAsync(CancellationToken stop)
    {
        await ReadAsync(stop).ConfigureAwait(false);
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                await ReadAsync(stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>One poll (tests drive it without the timer).</summary>
    public Task ReadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Read();
        return Task.CompletedTask;
    }

    private void Read()
    {
        try
        {
            if (_file.ReadIfChanged() is not { } yaml)
            {
                _lastError = null;
                return;
            }

            var revision = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(yaml)))[..16];
            _lastError = null;
            feed.Apply(yaml, revision);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (_lastError != ex.Message)
            {
                _lastError = ex.Message;
                LogUnreadable(logger, path, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot read config file {Path}, keeping the last good config: {Error}")]
    private static partial void LogUnreadable(ILogger logger, string path, string error);
}
