using System.Globalization;

namespace Autoscale.MetricsAdapter.Sources.Exposition;

/// <summary>Sample values and timestamps, parsed straight from UTF-8 bytes.</summary>
internal static class ExpositionNumber
{
    private const NumberStyles FloatStyle =
        NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    // Exact powers of ten: a mantissa below 2^53 divided by one of these is correctly rounded (Clinger's fast path).
    // A static array, not a ReadOnlySpan<double> property: measured, that collection expression allocated per call.
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>
    /// Go's ParseFloat as Prometheus uses it: decimal or exponent notation, and case-insensitive
    /// <c>NaN</c>, <c>Inf</c>, <c>Infinity</c> with an optional sign.
    /// </summary>
    public static bool TryParseValue(ReadOnlySpan<byte> token, out double value)
    {
        // Most values on real pages are short decimals ("994.0", "0.8125", "97"): parse those by hand.
        if (TryParseSimpleDecimal(token, out value))
        {
            return true;
        }

        if (TryParseSpecial(token, out value))
        {
            return true;
        }

        // double.TryParse would accept "Infinity"/"NaN" spelt its own way; those are handled above already, and
        // anything else it takes (digits, '.', exponent, sign) is valid Go syntax too. It never throws.
        if (token.IsEmpty || !IsNumericStart(token[0]))
        {
            value = 0;
            return false;
        }

        return double.TryParse(token, FloatStyle, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// 0.0.4 timestamps are integer milliseconds; OpenMetrics ones are seconds with an optional fraction.
    /// A fractional timestamp on a 0.0.4 page can only mean seconds, so it is read as such rather than rejected.
    /// </summary>
    public static bool TryParseTimestamp(ReadOnlySpan<byte> token, ExpositionFormat format, out long milliseconds)
    {
        milliseconds = 0;
        if (format == ExpositionFormat.PrometheusText && IsInteger(token))
        {
            return long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out milliseconds);
        }

        if (!TryParseValue(token, out double seconds) || !double.IsFinite(seconds))
        {
            return false;
        }

        double ms = Math.Round(seconds * 1000.0);
        if (ms is < -9.2e18 or > 9.2e18)
        {
            return false;
        }

        milliseconds = (long)ms;
        return true;
    }

    private static bool TryParseSimpleDecimal(ReadOnlySpan<byte> token, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (i < token.Length && token[i] is (byte)'-' or (byte)'+')
        {
            negative = token[i] == (byte)'-';
            i++;
        }

        ulong mantissa = 0;
        int digits = 0;
        int fractionDigits = 0;
        bool seenPoint = false;
        for (; i < token.Length; i++)
        {
            uint d = (uint)(token[i] - '0');
            if (d <= 9)
            {
                // Above 15 digits the mantissa may exceed 2^53 and lose exactness: leave it to the full parser.
                if (++digits > 15)
                {
                    return false;
                }

                mantissa = (mantissa * 10) + d;
                if (seenPoint)
                {
                    fractionDigits++;
                }
            }
            else if (token[i] == (byte)'.' && !seenPoint)
            {
                seenPoint = true;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        double v = (double)mantissa / PowersOfTen[fractionDigits];
        value = negative ? -v : v;
        return true;
    }

    private static bool TryParseSpecial(ReadOnlySpan<byte> token, out double value)
    {
        value = 0;
        bool negative = false;
        if (!token.IsEmpty && token[0] is (byte)'-' or (byte)'+')
        {
            negative = token[0] == (byte)'-';
            token = token[1..];
        }

        if (EqualsIgnoreCase(token, "inf"u8) || EqualsIgnoreCase(token, "infinity"u8))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (EqualsIgnoreCase(token, "nan"u8))
        {
            value = double.NaN;
            return true;
        }

        return false;
    }

    private static bool EqualsIgnoreCase(ReadOnlySpan<byte> token, ReadOnlySpan<byte> lowerAscii)
    {
        if (token.Length != lowerAscii.Length)
        {
            return false;
        }

        for (int i = 0; i < token.Length; i++)
        {
            if ((token[i] | 0x20) != lowerAscii[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsNumericStart(byte b) => (uint)(b - '0') <= 9 || b is (byte)'-' or (byte)'+' or (byte)'.';

    private static bool IsInteger(ReadOnlySpan<byte> token)
    {
        int start = !token.IsEmpty && token[0] is (byte)'-' or (byte)'+' ? 1 : 0;
        if (start >= token.Length)
        {
            return false;
        }

        foreach (byte b in token[start..])
        {
            if ((uint)(b - '0') > 9)
            {
                return false;
            }
        }

        return true;
    }
}
