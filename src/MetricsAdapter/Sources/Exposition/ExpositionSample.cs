namespace Autoscale.MetricsAdapter.Sources.Exposition;

/// <summary>
/// A view of one sample line; every span points into the page, so it lives only for the sink call.
/// </summary>
internal readonly ref struct ExpositionSample
{
    // From just after '{' through the closing '}', or empty when the sample has no labels.
    private readonly ReadOnlySpan<byte> _labelSection;

    internal ExpositionSample(
        ReadOnlySpan<byte> name,
        int familyIndex,
        SampleSuffix suffix,
        ReadOnlySpan<byte> labelSection,
        int labelCount,
        double value,
        long? timestampMs,
        int line)
    {
        Name = name;
        FamilyIndex = familyIndex;
        Suffix = suffix;
        _labelSection = labelSection;
        LabelCount = labelCount;
        Value = value;
        TimestampMs = timestampMs;
        Line = line;
    }

    /// <summary>The sample's metric name, e.g. <c>vllm:time_to_first_token_seconds_bucket</c>.</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>Index into the <see cref="WantedFamilies"/> the parser was built with; -1 when it keeps all.</summary>
    public int FamilyIndex { get; }

    /// <summary>How <see cref="Name"/> extends the family name (<c>_bucket</c>, <c>_sum</c>, ...).</summary>
    public SampleSuffix Suffix { get; }

    /// <summary>The value; may be NaN or ±Infinity, which callers must not turn into 0.</summary>
    public double Value { get; }

    /// <summary>The exposed timestamp in Unix milliseconds, when the line has one.</summary>
    public long? TimestampMs { get; }

    public int LabelCount { get; }

    /// <summary>1-based line of the sample in the page.</summary>
    public int Line { get; }

    /// <summary>The label text between the braces, still escaped, e.g. <c>engine="0",le="0.1"</c>.</summary>
    public ReadOnlySpan<byte> RawLabels => _labelSection.IsEmpty ? default : _labelSection[..^1];

    /// <param name="scratch">Where escaped values are unescaped; see <see cref="LabelEnumerator.MoveNext"/>.</param>
    public LabelEnumerator EnumerateLabels(Span<byte> scratch) => new(_labelSection, scratch);

    /// <summary>Finds a label by name; the value is unescaped into <paramref name="scratch"/> if needed.</summary>
    public bool TryGetLabel(ReadOnlySpan<byte> name, Span<byte> scratch, out ReadOnlySpan<byte> value)
    {
        foreach (ExpositionLabel label in EnumerateLabels(scratch))
        {
            if (label.Name.SequenceEqual(name))
            {
                value = label.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
