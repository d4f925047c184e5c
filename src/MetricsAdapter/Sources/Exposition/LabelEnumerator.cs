namespace Autoscale.MetricsAdapter.Sources.Exposition;

/// <summary>
/// Walks a sample's label section lazily, so a sink pays only for the labels it reads. Values without escapes are
/// slices of the page; a value with escapes is unescaped into the caller's scratch buffer and stays valid until
/// the next <see cref="MoveNext"/>.
/// </summary>
internal ref struct LabelEnumerator
{
    private readonly ReadOnlySpan<byte> _section;
    private readonly Span<byte> _scratch;
    private int _pos;

    internal LabelEnumerator(ReadOnlySpan<byte> section, Span<byte> scratch)
    {
        _section = section;
        _scratch = scratch;
        _pos = 0;
        Current = default;
    }

    public ExpositionLabel Current { get; private set; }

    public readonly LabelEnumerator GetEnumerator() => this;

    /// <exception cref="ArgumentException">
    /// The scratch buffer is shorter than an escaped value. A buffer of
    /// <see cref="ExpositionParserOptions.MaxLabelValueBytes"/> bytes always suffices, since the parser rejects
    /// longer values and unescaping never lengthens one.
    /// </exception>
    public bool MoveNext()
    {
        if (_section.IsEmpty)
        {
            return false;
        }

        LabelStep step = LabelSectionReader.Next(
            _section, ref _pos, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> raw, out bool escaped, out _);
        if (step != LabelStep.Pair)
        {
            return false;
        }

        if (!escaped)
        {
            Current = new ExpositionLabel(name, raw);
            return true;
        }

        if (_scratch.Length < raw.Length)
        {
            throw new ArgumentException(
                $"The scratch buffer ({_scratch.Length} bytes) is too small for an escaped label value of {raw.Length} bytes.");
        }

        int written = LabelSectionReader.Unescape(raw, _scratch);
        Current = new ExpositionLabel(name, _scratch[..written]);
        return true;
    }
}
