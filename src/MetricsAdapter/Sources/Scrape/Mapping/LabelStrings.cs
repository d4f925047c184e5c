using System.Buffers;
using System.Text;

namespace Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

/// <summary>
/// Interns label values (model names, pod names) of one target, so that a scrape allocates no string for values it has
/// seen before. A hash lookup, so a page with many distinct values costs linear time. Bounded: past
/// <see cref="MaxEntries"/> it starts afresh (groups compare strings by value, so a restart never splits a series).
/// </summary>
internal sealed class LabelStrings
{
    private const int MaxEntries = 4096;
    private const int StackChars = 256;
    private readonly Dictionary<string, string> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public LabelStrings() => _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<byte> utf8)
    {
        int max = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        char[]? rented = max > StackChars ? ArrayPool<char>.Shared.Rent(max) : null;
        Span<char> chars = rented ?? stackalloc char[StackChars];
        try
        {
            ReadOnlySpan<char> text = chars[..Encoding.UTF8.GetChars(utf8, chars)];
            if (_lookup.TryGetValue(text, out var found))
            {
                return found;
            }

            if (_entries.Count >= MaxEntries)
            {
                _entries.Clear();
                _entries.TrimExcess(MaxEntries);
            }

            string created = text.ToString();
            _entries.Add(created, created);
            return created;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
