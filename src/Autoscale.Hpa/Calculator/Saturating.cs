namespace Autoscale.Hpa.Calculator;

/// <summary>
/// Replica counts are int32 upstream and every float-to-int32 conversion saturates (kubernetes#141397); other
/// int32 sums saturate here too rather than wrap, so a huge metric can never flip a scale-up into a scale-down.
/// </summary>
internal static class Saturating
{
    public static int CeilToInt32(double value) => ToInt32(Math.Ceiling(value));

    /// <summary>Truncates toward zero, like Go's int32(x), but clamps out-of-range values. NaN becomes 0.</summary>
    public static int ToInt32(double value)
    {
        if (double.IsNaN(value))
        {
            return 0;
        }

        if (value >= int.MaxValue)
        {
            return int.MaxValue;
        }

        return value <= int.MinValue ? int.MinValue : (int)value;
    }

    public static int ToInt32(long value) => (int)Math.Clamp(value, int.MinValue, int.MaxValue);

    public static long AddInt64(long a, long b)
    {
        if (b > 0 && a > long.MaxValue - b)
        {
            return long.MaxValue;
        }

        return b < 0 && a < long.MinValue - b ? long.MinValue : a + b;
    }
}
