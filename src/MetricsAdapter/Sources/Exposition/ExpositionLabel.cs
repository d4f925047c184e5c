namespace Autoscale.MetricsAdapter.Sources.Exposition;

/// <summary>One label of a sample; <see cref="Value"/> is already unescaped.</summary>
internal readonly ref struct ExpositionLabel
{
    public ExpositionLabel(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        Name = name;
        Value = value;
    }

    public ReadOnlySpan<byte> Name { get; }

    public ReadOnlySpan<byte> Value { get; }
}
