namespace Autoscale.Hpa.Reconcile;

/// <summary>
/// The target's /scale subresource. <paramref name="SpecReplicas"/> is "current replicas" everywhere except the
/// Object/External AverageValue targets, which divide by <paramref name="StatusReplicas"/>. This library never parses
/// selectors: a caller whose selector parser rejected <paramref name="Selector"/> passes the parser's message in
/// <paramref name="SelectorParseError"/>, and the reconcile reports it as upstream does.
/// </summary>
public sealed record ScaleInfo(int SpecReplicas, int StatusReplicas, string? Selector, string? SelectorParseError = null);
