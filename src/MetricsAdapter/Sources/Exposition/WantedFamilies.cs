using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace Autoscale.MetricsAdapter.Sources.Exposition;

/// <summary>
/// The metric families a scrape keeps, looked up by the UTF-8 bytes of a sample name without allocating.
/// A sample belongs to family <c>f</c> when its name is <c>f</c>, or <c>f</c> plus one of the suffixes
/// <c>_bucket</c>, <c>_sum</c>, <c>_count</c> (histograms, summaries), <c>_total</c> or <c>_info</c>
/// (OpenMetrics counters and infos). Names are matched without relying on <c># TYPE</c> lines, which may be missing.
/// <c>_created</c> samples are never matched by suffix: they are timestamps, not values.
/// </summary>
internal sealed class WantedFamilies
{
    private const ulong Multiplier = 0x9E3779B97F4A7C15;

    private readonly byte[][] _names;
    private readonly string[] _strings;
    private readonly int[] _slots; // open addressing: family index + 1, 0 = empty
    private readonly bool[] _lengthPresent; // cheap reject before hashing: most skipped names have no wanted length

    public WantedFamilies(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var strings = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            if (!ExpositionSyntax.IsValidMetricName(Encoding.UTF8.GetBytes(name)))
            {
                throw new ArgumentException($"'{name}' is not a valid metric family name.", nameof(names));
            }

            if (seen.Add(name))
            {
                strings.Add(name);
            }
        }

        _strings = [.. strings];
        _names = new byte[_strings.Length][];
        int maxLength = 0;
        for (int i = 0; i < _strings.Length; i++)
        {
            _names[i] = Encoding.UTF8.GetBytes(_strings[i]);
            maxLength = Math.Max(maxLength, _names[i].Length);
        }

        _lengthPresent = new bool[maxLength + 1];
        _slots = new int[Math.Max(16, (int)BitOperations.RoundUpToPowerOf2((uint)(_names.Length * 4)))];
        for (int i = 0; i < _names.Length; i++)
        {
            _lengthPresent[_names[i].Length] = true;
            int slot = Slot(_names[i]);
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & (_slots.Length - 1);
            }

            _slots[slot] = i + 1;
        }
    }

    private WantedFamilies()
    {
        _names = [];
        _strings = [];
        _slots = [0];
        _lengthPresent = [];
        KeepsAll = true;
    }

    /// <summary>Keeps every sample (family index -1); for tests, debugging and fuzzing the full grammar.</summary>
    public static WantedFamilies All { get; } = new();

    public bool KeepsAll { get; }

    public int Count => _strings.Length;

    public string this[int index] => _strings[index];

    /// <returns>The family index, or -1 when the sample is not wanted.</returns>
    public int Find(ReadOnlySpan<byte> sampleName, out SampleSuffix suffix)
    {
        suffix = SampleSuffix.None;
        int index = FindExact(sampleName);
        if (index >= 0)
        {
            return index;
        }

        int underscore = sampleName.LastIndexOf((byte)'_');
        if (underscore <= 0)
        {
            return -1;
        }

        suffix = SuffixOf(sampleName[underscore..]);
        if (suffix == SampleSuffix.None)
        {
            return -1;
        }

        index = FindExact(sampleName[..underscore]);
        if (index < 0)
        {
            suffix = SampleSuffix.None;
        }

        return index;
    }

    private static SampleSuffix SuffixOf(ReadOnlySpan<byte> tail)
    {
        if (tail.SequenceEqual("_bucket"u8))
        {
            return SampleSuffix.Bucket;
        }

        if (tail.SequenceEqual("_sum"u8))
        {
            return SampleSuffix.Sum;
        }

        if (tail.SequenceEqual("_count"u8))
        {
            return SampleSuffix.Count;
        }

        if (tail.SequenceEqual("_total"u8))
        {
            return SampleSuffix.Total;
        }

        return tail.SequenceEqual("_info"u8) ? SampleSuffix.Info : SampleSuffix.None;
    }

    private int FindExact(ReadOnlySpan<byte> name)
    {
        if ((uint)name.Length >= (uint)_lengthPresent.Length || !_lengthPresent[name.Length])
        {
            return -1;
        }

        int mask = _slots.Length - 1;
        for (int slot = Slot(name); ; slot = (slot + 1) & mask)
        {
            int entry = _slots[slot];
            if (entry == 0)
            {
                return -1;
            }

            if (name.SequenceEqual(_names[entry - 1]))
            {
                return entry - 1;
            }
        }
    }

    // Hashes length plus three 8-byte windows instead of every byte: names are long and share prefixes ("vllm:",
    // "DCGM_FI_DEV_"), so the windows at the start, middle and end are what tells them apart.
    private int Slot(ReadOnlySpan<byte> name)
    {
        ulong h = (ulong)name.Length * Multiplier;
        if (name.Length >= 8)
        {
            h = (h ^ MemoryMarshal.Read<ulong>(name)) * Multiplier;
            h = (h ^ MemoryMarshal.Read<ulong>(name[((name.Length / 2) - 4)..])) * Multiplier;
            h = (h ^ MemoryMarshal.Read<ulong>(name[^8..])) * Multiplier;
        }
        else
        {
            foreach (byte b in name)
            {
                h = (h ^ b) * Multiplier;
            }
        }

        return (int)(h >> 40) & (_slots.Length - 1);
    }
}
