namespace Autoscale.MetricsAdapter.Sources.Exposition;

/// <summary>Limits that bound the work and memory one hostile or broken page can cost.</summary>
internal sealed record ExpositionParserOptions
{
    public static ExpositionParserOptions Default { get; } = new();

    public int MaxPageBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Bytes per line, excluding the line feed.</summary>
    public int MaxLineBytes { get; init; } = 64 * 1024;

    /// <summary>dcgm-exporter with pod labels enabled is the widest source we know (~20 labels).</summary>
    public int MaxLabelsPerSample { get; init; } = 128;

    /// <summary>Raw (escaped) bytes; also the scratch size that always suffices for unescaping a value.</summary>
    public int MaxLabelValueBytes { get; init; } = 8 * 1024;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPageBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxLineBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxLabelsPerSample);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxLabelValueBytes);
    }
}
