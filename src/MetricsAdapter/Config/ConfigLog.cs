namespace Autoscale.MetricsAdapter.Config;

internal static partial class ConfigLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Config {Path} reloaded")]
    public static partial void Reloaded(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Config {Path} refused, keeping the last good one: {Error}")]
    public static partial void Refused(ILogger logger, string path, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Config {Path} cannot be read, keeping the last good one: {Error}")]
    public static partial void Unreadable(ILogger logger, string path, string error);
}
