using System.Numerics;

namespace Autoscale.Kubernetes;

/// <summary>Exact value of a parsed quantity: sign × digits × 10^decimalExponent × 2^binaryExponent.</summary>
internal readonly record struct ParsedQuantity(bool Negative, string Digits, long DecimalExponent, int BinaryExponent, bool CapAtMaxInt64)
{
    /// <summary>
    /// Scanner after upstream's <c>parseQuantityString</c> + <c>suffixHandler.interpret</c>:
    /// <c>[+-]? digits? (. digits?)? suffix</c>, where suffix is a DecimalSI, BinarySI or e/E exponent.
    /// A bare sign or "." is zero there too.
    /// </summary>
    public static bool TryParse(string text, out ParsedQuantity parsed)
    {
        parsed = default;
        int pos = 0;
        bool negative = false;
        if (text[0] is '-' or '+')
        {
            negative = text[0] == '-';
            pos++;
        }

        int intStart = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        string intDigits = text[intStart..pos];
        string fraction = "";
        if (pos < text.Length && text[pos] == '.')
        {
            int fractionStart = ++pos;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }

            fraction = text[fractionStart..pos];
        }

        string suffix = text[pos..];
        if (!TryInterpretSuffix(suffix, out long decimalExponent, out int binaryExponent))
        {
            return false;
        }

        string digits = (intDigits + fraction).TrimStart('0');
        // Trailing zeros only scale the exponent; dropping them keeps big-number work small.
        int trimmed = digits.Length - digits.TrimEnd('0').Length;
        digits = digits[..^trimmed];
        parsed = new ParsedQuantity(negative, digits, decimalExponent - fraction.Length + trimmed, binaryExponent, binaryExponent > 0);
        return true;
    }

    /// <summary>Milli-units rounded away from zero, as upstream MilliValue rounds int64 amounts; saturating.</summary>
    public long ToMilli()
    {
        if (Digits.Length == 0)
        {
            return 0;
        }

        // value = D × 10^e × 2^b with D ≥ 1 and b ≤ 60, in milli-units.
        long e = DecimalExponent + 3;
        int n = Digits.Length;
        if (n - 1 + e >= 19)
        {
            // ≥ 10^19 milli: beyond long either way.
            return Saturated();
        }

        if (n + e < -20)
        {
            // < 10^-20 × 2^60 < 1 milli but non-zero: rounds away from zero to one milli-unit.
            return Negative ? -1 : 1;
        }

        BigInteger numerator = BigInteger.Parse(Digits, System.Globalization.CultureInfo.InvariantCulture) << BinaryExponent;
        BigInteger denominator = BigInteger.One;
        if (e >= 0)
        {
            numerator *= BigInteger.Pow(10, (int)e);
        }
        else
        {
            denominator = BigInteger.Pow(10, (int)-e);
        }

        if (CapAtMaxInt64)
        {
            // Upstream silently caps a BinarySI amount at 2^63-1 units before any conversion.
            BigInteger cap = new BigInteger(long.MaxValue) * denominator;
            if (numerator > cap)
            {
                numerator = cap;
            }
        }

        BigInteger quotient = BigInteger.DivRem(numerator, denominator, out BigInteger remainder);
        if (!remainder.IsZero)
        {
            quotient += 1;
        }

        if (Negative)
        {
            quotient = -quotient;
        }

        if (quotient > long.MaxValue)
        {
            return long.MaxValue;
        }

        return quotient < long.MinValue ? long.MinValue : (long)quotient;
    }

    private long Saturated() => Negative ? long.MinValue : long.MaxValue;

    private static bool TryInterpretSuffix(string suffix, out long decimalExponent, out int binaryExponent)
    {
        binaryExponent = 0;
        decimalExponent = 0;
        switch (suffix)
        {
            case "n": decimalExponent = -9; return true;
            case "u": decimalExponent = -6; return true;
            case "m": decimalExponent = -3; return true;
            case "": return true;
            case "k": decimalExponent = 3; return true;
            case "M": decimalExponent = 6; return true;
            case "G": decimalExponent = 9; return true;
            case "T": decimalExponent = 12; return true;
            case "P": decimalExponent = 15; return true;
            case "E": decimalExponent = 18; return true;
            case "Ki": binaryExponent = 10; return true;
            case "Mi": binaryExponent = 20; return true;
            case "Gi": binaryExponent = 30; return true;
            case "Ti": binaryExponent = 40; return true;
            case "Pi": binaryExponent = 50; return true;
            case "Ei": binaryExponent = 60; return true;
        }

        // DecimalExponent: "e"/"E" then a Go ParseInt-able signed integer (digits only, optional sign).
        if (suffix.Length < 2 || suffix[0] is not ('e' or 'E'))
        {
            return false;
        }

        ReadOnlySpan<char> number = suffix.AsSpan(1);
        bool negative = number[0] == '-';
        if (number[0] is '-' or '+')
        {
            number = number[1..];
        }

        if (number.IsEmpty)
        {
            return false;
        }

        ulong magnitude = 0;
        foreach (char c in number)
        {
            if (!char.IsAsciiDigit(c) || magnitude > (ulong.MaxValue - 9) / 10)
            {
                return false;
            }

            magnitude = (magnitude * 10) + (ulong)(c - '0');
        }

        // Go's ParseInt rejects what does not fit an int64.
        if (magnitude > (negative ? 9223372036854775808UL : long.MaxValue))
        {
            return false;
        }

        // Exponents beyond ±10^15 already saturate or vanish; clamping keeps later arithmetic in range.
        long clamped = (long)Math.Min(magnitude, 1_000_000_000_000_000UL);
        decimalExponent = negative ? -clamped : clamped;
        return true;
    }
}
