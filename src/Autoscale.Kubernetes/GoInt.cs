namespace Autoscale.Kubernetes;

/// <summary>
/// Go's <c>strconv.ParseInt(s, 10, 64)</c>: optional sign, ASCII digits, nothing else. Written out because
/// <c>long.TryParse</c> also accepts trailing NULs, and because matching must not allocate.
/// </summary>
internal static class GoInt
{
    public static bool TryParse(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        bool negative = false;
        if (!text.IsEmpty && text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            text = text[1..];
        }

        if (text.IsEmpty)
        {
            return false;
        }

        ulong magnitude = 0;
        ulong limit = negative ? 9223372036854775808UL : long.MaxValue;
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            ulong digit = (ulong)(c - '0');
            if (magnitude > (limit - digit) / 10)
            {
                return false;
            }

            magnitude = (magnitude * 10) + digit;
        }

        value = negative ? (long)(0UL - magnitude) : (long)magnitude;
        return true;
    }
}
