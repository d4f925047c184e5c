namespace Autoscale.MetricsAdapter.Sources.Router;

/// <summary>The router source's log messages: state changes at Information/Warning, repeats at Debug.</summary>
internal static partial class RouterLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Scrape of router {Router} ({Url}) failed: {Detail}")]
    public static partial void Failed(ILogger logger, string router, Uri url, string detail);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scrape of router {Router} still failing ({Failures} in a row): {Detail}")]
    public static partial void StillFailing(ILogger logger, string router, int failures, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scrape of router {Router} recovered after {Failures} failures")]
    public static partial void Recovered(ILogger logger, string router, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scraping {Count} routers")]
    public static partial void Started(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scrape loop of router {Router} crashed; it restarts with the next config change")]
    public static partial void LoopCrashed(ILogger logger, Exception exception, string router);
}
