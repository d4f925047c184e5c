using Autoscale.MetricsAdapter.Sources.Exposition;

namespace Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

/// <summary>The parser's sink: a struct so that the call is devirtualised, forwarding to the target's mapper.</summary>
internal readonly struct MappingSink(PageMapper mapper) : ISampleSink
{
    public void OnSample(in ExpositionSample sample) => mapper.Add(in sample);
}
