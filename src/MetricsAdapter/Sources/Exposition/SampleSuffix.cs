namespace Autoscale.MetricsAdapter.Sources.Exposition;

/// <summary>How a sample's name relates to the wanted family it was matched to.</summary>
internal enum SampleSuffix
{
    /// <summary>The name is the family name itself (gauges, untyped, 0.0.4 counters named <c>..._total</c>).</summary>
    None = 0,
    Bucket,
    Sum,
    Count,

    /// <summary>OpenMetrics counter: family <c>foo</c>, sample <c>foo_total</c>.</summary>
    Total,

    /// <summary>OpenMetrics info: family <c>foo</c>, sample <c>foo_info</c>.</summary>
    Info,
}
