namespace Autoscale.MetricsAdapter.Sources.Exposition;

/// <summary>An owned copy of one sample, for tests and debugging (not the hot path).</summary>
/// <param name="Family">The wanted family's name, or null when parsed with <see cref="WantedFamilies.All"/>.</param>
/// <param name="Labels">Unescaped labels in page order.</param>
internal sealed record ParsedSample(
    string Name,
    string? Family,
    SampleSuffix Suffix,
    IReadOnlyDictionary<string, string> Labels,
    double Value,
    long? TimestampMs,
    int Line);
