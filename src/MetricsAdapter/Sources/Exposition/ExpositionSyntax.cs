using System.Buffers;

namespace Autoscale.MetricsAdapter.Sources.Exposition;

/// <summary>Byte classes of the text format, as vectorisable <see cref="SearchValues{T}"/>.</summary>
internal static class ExpositionSyntax
{
    // Metric names: [a-zA-Z_:][a-zA-Z0-9_:]*. Label names: [a-zA-Z_][a-zA-Z0-9_]*.
    public static readonly SearchValues<byte> MetricNameBytes =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:"u8);

    public static readonly SearchValues<byte> LabelNameBytes =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"u8);

    public static readonly SearchValues<byte> Blanks = SearchValues.Create(" \t"u8);

    public static bool IsMetricNameStart(byte b) => IsLetter(b) || b == (byte)'_' || b == (byte)':';

    public static bool IsLabelNameStart(byte b) => IsLetter(b) || b == (byte)'_';

    public static bool IsBlank(byte b) => b == (byte)' ' || b == (byte)'\t';

    public static int SkipBlanks(ReadOnlySpan<byte> text, int pos)
    {
        while ((uint)pos < (uint)text.Length && IsBlank(text[pos]))
        {
            pos++;
        }

        return pos;
    }

    /// <summary>End (exclusive) of the token starting at <paramref name="pos"/>: the next blank or the end.</summary>
    public static int TokenEnd(ReadOnlySpan<byte> text, int pos)
    {
        int i = text[pos..].IndexOfAny(Blanks);
        return i < 0 ? text.Length : pos + i;
    }

    public static bool IsValidMetricName(ReadOnlySpan<byte> name) =>
        !name.IsEmpty && IsMetricNameStart(name[0]) && !name.ContainsAnyExcept(MetricNameBytes);

    private static bool IsLetter(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a';
}
