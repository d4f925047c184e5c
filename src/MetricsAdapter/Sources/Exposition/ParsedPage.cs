namespace Autoscale.MetricsAdapter.Sources.Exposition;

/// <summary>A whole page parsed into owned samples, for tests and debugging (not the hot path).</summary>
internal sealed record ParsedPage(ExpositionResult Result, IReadOnlyList<ParsedSample> Samples)
{
    /// <summary>Parses with <see cref="WantedFamilies.All"/> when <paramref name="families"/> is null.</summary>
    public static ParsedPage Parse(
        ReadOnlySpan<byte> page,
        WantedFamilies? families = null,
        ExpositionParserOptions? options = null,
        ExpositionFormat format = ExpositionFormat.PrometheusText)
    {
        var parser = new ExpositionParser(families ?? WantedFamilies.All, options);
        var sink = new CollectingSink(parser.Families, parser.Options.MaxLabelValueBytes);
        ExpositionResult result = parser.Parse(page, ref sink, format);
        return new ParsedPage(result, sink.Samples);
    }
}
