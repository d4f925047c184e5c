using System.Globalization;
using System.Text;

namespace Autoscale.Kubernetes;

/// <summary>
/// Go-style durations as Kubernetes users write them: <c>500ms</c>, <c>2s</c>, <c>1m30s</c>, <c>1.5h</c>; one reader
/// for every config file and flag of both programs and the benches, so a duration that is valid in one place is valid
/// in all.
/// </summary>
public static class GoDuration
{
    /// <summary>
    /// The longest duration read: nothing here is sensibly longer, and a bound far below <see cref="TimeSpan.MaxValue"/>
    /// keeps the arithmetic done on durations (staleAfter = 5 × interval) from overflowing.
    /// </summary>
    public static readonly TimeSpan Max = TimeSpan.FromHours(8760);

    /// <returns>False for text that is not a duration or is longer than <see cref="Max"/>.</returns>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var span = text.AsSpan().Trim();
        if (span.IsEmpty)
        {
            return false;
        }

        while (!span.IsEmpty)
        {
            int digits = 0;
            while (digits < span.Length && (char.IsAsciiDigit(span[digits]) || span[digits] == '.'))
            {
                digits++;
            }

            int unit = digits;
            while (unit < span.Length && char.IsAsciiLetter(span[unit]))
            {
                unit++;
            }

            if (digits == 0 || unit == digits
                || !double.TryParse(span[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number))
            {
                return false;
            }

            double? ms = span[digits..unit] switch
            {
                "ms" => number,
                "s" => number * 1000,
                "m" => number * 60_000,
                "h" => number * 3_600_000,
                _ => null,
            };
            // Checked before TimeSpan sees it: FromMilliseconds throws OverflowException past ~29,000 years.
            if (ms is not { } part || !double.IsFinite(part) || part > Max.TotalMilliseconds - value.TotalMilliseconds)
            {
                return false;
            }

            value += TimeSpan.FromMilliseconds(part);
            span = span[unit..];
        }

        return true;
    }

    /// <summary>As a flag reads it: a duration, or a plain number of seconds (<c>--interval=5</c>).</summary>
    public static bool TryParseOrSeconds(string text, out TimeSpan value)
    {
        if (TryParse(text, out value))
        {
            return true;
        }

        if (double.TryParse(text.AsSpan().Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            && seconds * 1000 <= Max.TotalMilliseconds)
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        value = TimeSpan.Zero;
        return false;
    }

    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            return "-" + Format(-value);
        }

        var text = new StringBuilder();
        if (value.TotalHours >= 1)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(int)value.TotalHours}h");
        }

        if (value.Minutes > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{value.Minutes}m");
        }

        if (value.Seconds > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{value.Seconds}s");
        }

        if (value.Milliseconds > 0 || text.Length == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{value.Milliseconds}ms");
        }

        return text.ToString();
    }
}
