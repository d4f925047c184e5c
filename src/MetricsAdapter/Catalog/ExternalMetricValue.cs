namespace Autoscale.MetricsAdapter.Catalog;

/// <summary>One item of an ExternalMetricValueList.</summary>
internal sealed record ExternalMetricValue(
    string MetricName,
    IReadOnlyDictionary<string, string> MetricLabels,
    DateTimeOffset Timestamp,
    int WindowSeconds,
    double Value);
