using System.Text;

namespace Autoscale.MetricsAdapter.Sources.Exposition;

/// <summary>Copies every sample into a <see cref="ParsedSample"/>; allocates, so only for tests and debugging.</summary>
internal sealed class CollectingSink : ISampleSink
{
    private readonly WantedFamilies _families;
    private readonly byte[] _scratch;

    public CollectingSink(WantedFamilies families, int maxLabelValueBytes)
    {
        _families = families;
        _scratch = new byte[maxLabelValueBytes];
    }

    public List<ParsedSample> Samples { get; } = [];

    public void OnSample(in ExpositionSample sample)
    {
        var labels = new Dictionary<string, string>(sample.LabelCount, StringComparer.Ordinal);
        foreach (ExpositionLabel label in sample.EnumerateLabels(_scratch))
        {
            // Last one wins on a duplicate name; the parser does not reject duplicates.
            labels[Encoding.UTF8.GetString(label.Name)] = Encoding.UTF8.GetString(label.Value);
        }

        Samples.Add(new ParsedSample(
            Encoding.UTF8.GetString(sample.Name),
            sample.FamilyIndex >= 0 ? _families[sample.FamilyIndex] : null,
            sample.Suffix,
            labels,
            sample.Value,
            sample.TimestampMs,
            sample.Line));
    }
}
