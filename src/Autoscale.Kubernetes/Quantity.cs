using System.Text;

namespace Autoscale.Kubernetes;

/// <summary>
/// Kubernetes resource quantities as the metrics APIs emit and the HPA reads them.
/// Values are produced like upstream adapters do: <c>resource.NewMilliQuantity(int64(v*1000), DecimalSI)</c>,
/// i.e. truncated to milli-units and printed in canonical DecimalSI form ("1500m", "2", "2k", "1M").
/// </summary>
public static class Quantity
{
    /// <summary>Longest canonical text: "-9223372036854775808m".</summary>
    public const int MaxFormattedLength = 21;

    // 2^63 as a double: the first value that no longer fits a long.
    private const double TwoPow63 = 9223372036854775808.0;

    /// <summary>Canonical DecimalSI text of <paramref name="value"/> at milli precision. NaN and ±Inf throw.</summary>
    public static string FormatMilli(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A quantity must be a finite number.");
        }

        return FormatMilliValue(ToMilli(value));
    }

    /// <summary>Writes the canonical text as UTF-8; false for NaN/±Inf (never emitted) or a too small buffer.</summary>
    public static bool TryFormatMilli(double value, Span<byte> utf8Destination, out int bytesWritten)
    {
        if (!double.IsFinite(value))
        {
            bytesWritten = 0;
            return false;
        }

        return TryFormatMilliValue(ToMilli(value), utf8Destination, out bytesWritten);
    }

    /// <summary>Canonical DecimalSI text of an exact milli-unit count.</summary>
    public static string FormatMilliValue(long milli)
    {
        Span<byte> buffer = stackalloc byte[MaxFormattedLength];
        TryFormatMilliValue(milli, buffer, out int written);
        return Encoding.ASCII.GetString(buffer[..written]);
    }

    /// <summary>UTF-8 form of <see cref="FormatMilliValue"/>; false only when the buffer is too small.</summary>
    public static bool TryFormatMilliValue(long milli, Span<byte> utf8Destination, out int bytesWritten)
    {
        bytesWritten = 0;
        if (milli == 0)
        {
            return TryWrite("0"u8, utf8Destination, ref bytesWritten);
        }

        bool negative = milli < 0;
        // Unsigned magnitude so long.MinValue does not overflow on negation.
        ulong mantissa = negative ? (ulong)(-(milli + 1)) + 1 : (ulong)milli;

        // Upstream canonical form: the exponent stays a multiple of 3 and as large as possible without
        // a fractional mantissa, so only whole groups of three trailing zeros move into the suffix.
        int exponent = -3;
        while (mantissa % 1000 == 0)
        {
            mantissa /= 1000;
            exponent += 3;
        }

        if (negative && !TryWrite("-"u8, utf8Destination, ref bytesWritten))
        {
            return false;
        }

        if (!mantissa.TryFormat(utf8Destination[bytesWritten..], out int digits, default, System.Globalization.CultureInfo.InvariantCulture))
        {
            bytesWritten = 0;
            return false;
        }

        bytesWritten += digits;
        if (!TryWrite(DecimalSuffix(exponent), utf8Destination, ref bytesWritten))
        {
            bytesWritten = 0;
            return false;
        }

        return true;
    }

    /// <summary>Parses any Kubernetes quantity ("1500m", "2k", "1Gi", "1e3", "0.5") into milli-units, saturating at long's range.</summary>
    public static bool TryParseMilli(string text, out long milli)
    {
        milli = 0;
        if (string.IsNullOrEmpty(text) || !ParsedQuantity.TryParse(text, out ParsedQuantity parsed))
        {
            return false;
        }

        milli = parsed.ToMilli();
        return true;
    }

    /// <summary>
    /// <c>int64(v*1000)</c>: truncation toward zero. Go leaves out-of-range conversions undefined (amd64 yields
    /// long.MinValue even for huge positive values); we saturate so a huge metric never turns negative.
    /// </summary>
    internal static long ToMilli(double value)
    {
        double scaled = value * 1000.0;
        if (scaled >= TwoPow63)
        {
            return long.MaxValue;
        }

        if (scaled <= -TwoPow63)
        {
            return long.MinValue;
        }

        return (long)scaled;
    }

    private static ReadOnlySpan<byte> DecimalSuffix(int exponent) => exponent switch
    {
        -3 => "m"u8,
        0 => ""u8,
        3 => "k"u8,
        6 => "M"u8,
        9 => "G"u8,
        12 => "T"u8,
        // A long milli count tops out near 9.2e15 units, so "E" (10^18) is unreachable here.
        _ => "P"u8,
    };

    private static bool TryWrite(ReadOnlySpan<byte> text, Span<byte> destination, ref int written)
    {
        if (!text.TryCopyTo(destination[written..]))
        {
            return false;
        }

        written += text.Length;
        return true;
    }
}
