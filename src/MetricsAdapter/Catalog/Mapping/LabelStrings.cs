using System.Text;

namespace Autoscale.MetricsAdapter.Catalog.Mapping;

/// <summary>
/// Interns label values (model names, pod names) of one target, so that a scrape allocates no string for values it has
/// seen before and groups compare by reference. Bounded: a page with many distinct values starts it afresh.
/// </summary>
internal sealed class LabelStrings
{
    private const int MaxEntries = 256;
    private readonly List<(byte[] Utf8, string Value)> _entries = [];

    public string Get(ReadOnlySpan<byte> utf8)
    {
        foreach (var (bytes, value) in _entries)
        {
            if (utf8.SequenceEqual(bytes))
            {
                return value;
            }
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        string created = Encoding.UTF8.GetString(utf8);
        _entries.Add((utf8.ToArray(), created));
        return created;
    }
}
