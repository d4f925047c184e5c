namespace Autoscale.MetricsAdapter.Sources.Prometheus;

/// <summary>Log messages: state changes at Information/Warning, repeats at Debug.</summary>
internal sealed partial class PrometheusSource
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Prometheus source started: {Url}, every {IntervalSeconds} s, {Rules} prometheus-adapter rules, {ExternalRules} external rules")]
    private static partial void LogStarted(ILogger logger, Uri url, double intervalSeconds, int rules, int externalRules);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule refused, not served: {Refusal}")]
    private static partial void LogRefused(ILogger logger, string refusal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule metric {Name} ({Rule}) replaces the built-in metric of the same name for every resource")]
    private static partial void LogReplacesBuiltIn(ILogger logger, string name, string rule);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Prometheus queries failing ({Failed} of {Queries}); last good values are kept until they go stale: {Error}")]
    private static partial void LogFailing(ILogger logger, int failed, int queries, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Prometheus queries still failing ({Failed} of {Queries}): {Error}")]
    private static partial void LogStillFailing(ILogger logger, int failed, int queries, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Prometheus queries succeed again after {Cycles} failed cycles")]
    private static partial void LogRecovered(ILogger logger, int cycles);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relist failed for series query {SeriesQuery}; keeping the previous rule metrics: {Error}")]
    private static partial void LogRelistFailed(ILogger logger, string seriesQuery, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rules serve {Count} custom and {External} external metrics: {Metrics}")]
    private static partial void LogRelisted(ILogger logger, int count, int external, string metrics);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Rule} found series {Series}, but none of its labels names a Kubernetes resource through the rule's resources; not listed")]
    private static partial void LogUnassociated(ILogger logger, string rule, string series);

    [LoggerMessage(Level = LogLevel.Warning, Message = "API discovery failed; rule labels resolve against the resources known so far: {Error}")]
    private static partial void LogDiscoveryFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Prometheus source tick failed unexpectedly; retrying next tick")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
