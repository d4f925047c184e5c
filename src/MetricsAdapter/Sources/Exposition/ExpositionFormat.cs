namespace Autoscale.MetricsAdapter.Sources.Exposition;

/// <summary>Which text format the page was served as (from its Content-Type); only timestamps differ in meaning.</summary>
internal enum ExpositionFormat
{
    /// <summary><c>text/plain; version=0.0.4</c>: timestamps are integer milliseconds.</summary>
    PrometheusText = 0,

    /// <summary><c>application/openmetrics-text</c>: timestamps are (possibly fractional) seconds.</summary>
    OpenMetrics = 1,
}
