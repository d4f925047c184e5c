using Microsoft.Extensions.Logging;

namespace Autoscale.ScaleController.Config;

/// <summary>
/// Holds the last good config. An invalid edit is refused: the previous config stays in force and
/// <see cref="Error"/> says why, until a valid edit clears it. A deleted ConfigMap is not an error: it means
/// "manage nothing", so placeholders never outlive their config.
/// </summary>
internal sealed partial class ConfigStore(ILogger<ConfigStore> logger)
{
    private readonly Lock _gate = new();
    private ConfigSnapshot _snapshot = new(ControllerConfig.Empty, null, null);

    public ControllerConfig Current => Snapshot.Config;

    public IReadOnlyList<string>? Error => Snapshot.Errors;

    public ConfigSnapshot Snapshot
    {
        get
        {
            lock (_gate)
            {
                return _snapshot;
            }
        }
    }

    /// <summary>Applies a new ConfigMap revision; returns false if it was refused.</summary>
    public bool Apply(string yaml, string revision)
    {
        var result = ConfigLoader.Load(yaml);
        lock (_gate)
        {
            if (result.Config is null)
            {
                _snapshot = _snapshot with { Errors = result.Errors };
                LogRefused(logger, revision, result.Errors.Count, string.Join("; ", result.Errors));
                return false;
            }

            _snapshot = new ConfigSnapshot(result.Config, null, revision);
            LogAccepted(logger, revision, result.Config.Workloads.Count, result.Config.DryRun);
            return true;
        }
    }

    /// <summary>The ConfigMap is gone: manage nothing rather than keep acting on a config nobody owns.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _snapshot = new ConfigSnapshot(ControllerConfig.Empty, null, null);
        }

        LogCleared(logger);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Config revision {Revision} accepted: {Workloads} workloads, dry-run {DryRun}")]
    private static partial void LogAccepted(ILogger logger, string revision, int workloads, bool dryRun);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Config revision {Revision} refused ({Count} errors), keeping the last good config: {Errors}")]
    private static partial void LogRefused(ILogger logger, string revision, int count, string errors);

    [LoggerMessage(Level = LogLevel.Information, Message = "Config deleted: managing no workloads, placeholders will be removed")]
    private static partial void LogCleared(ILogger logger);
}
