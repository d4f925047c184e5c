namespace Autoscale.MetricsAdapter.Sources.Scrape;

/// <summary>The scrape stage's log messages: state changes at Information/Warning, repeats at Debug.</summary>
internal static partial class ScrapeLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Scrape of {Namespace}/{Pod} ({Url}) failed: {Kind}: {Detail}")]
    public static partial void Failed(ILogger logger, string @namespace, string pod, Uri url, string kind, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scrape of {Namespace}/{Pod} ({Url}) dropped {Samples} duplicate samples (the first of each series is kept)")]
    public static partial void Duplicates(ILogger logger, string @namespace, string pod, Uri url, int samples);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scrape of {Namespace}/{Pod} dropped {Samples} duplicate samples again")]
    public static partial void DuplicatesAgain(ILogger logger, string @namespace, string pod, int samples);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scrape of {Namespace}/{Pod} still failing ({Failures} in a row): {Kind}: {Detail}")]
    public static partial void StillFailing(ILogger logger, string @namespace, string pod, int failures, string kind, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scrape of {Namespace}/{Pod} recovered after {Failures} failures")]
    public static partial void Recovered(ILogger logger, string @namespace, string pod, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cleared the values of {Namespace}/{Pod} after {Failures} failed scrapes")]
    public static partial void Cleared(ILogger logger, string @namespace, string pod, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scraping {Count} targets ({Started} started, {Stopped} stopped)")]
    public static partial void Reconciled(ILogger logger, int count, int started, int stopped);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scrape settings changed: restarting {Count} target loops")]
    public static partial void Reconfigured(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scrape loop of {Namespace}/{Pod} crashed; it is restarted at the next target change")]
    public static partial void LoopCrashed(ILogger logger, Exception exception, string @namespace, string pod);
}
