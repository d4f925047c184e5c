using System.Text;

namespace Autoscale.Kubernetes.Tests;

public sealed class QuantityTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(0.0009, "0")] // truncation, not rounding
    [InlineData(-0.0009, "0")]
    [InlineData(0.001, "1m")]
    [InlineData(0.5, "500m")]
    [InlineData(0.873, "873m")]
    [InlineData(1.5, "1500m")]
    [InlineData(-1.5, "-1500m")]
    [InlineData(2.0, "2")]
    [InlineData(12.5, "12500m")]
    [InlineData(25.0, "25")]
    [InlineData(999.0, "999")]
    [InlineData(1000.0, "1k")]
    [InlineData(1000.5, "1000500m")] // only whole groups of three zeros move into the suffix
    [InlineData(1001.0, "1001")]
    [InlineData(1500.0, "1500")]
    [InlineData(2000.0, "2k")]
    [InlineData(-2000.0, "-2k")]
    [InlineData(999000.0, "999k")]
    [InlineData(999999.0, "999999")]
    [InlineData(1e6, "1M")]
    [InlineData(1.001e9, "1001M")]
    [InlineData(1e9, "1G")]
    [InlineData(1e12, "1T")]
    [InlineData(1e15, "1P")]
    [InlineData(2.5e15, "2500T")]
    [InlineData(9e15, "9P")]
    [InlineData(1e18, "9223372036854775807m")] // saturates: 1e21 milli does not fit a long
    [InlineData(-1e18, "-9223372036854775808m")]
    [InlineData(double.MaxValue, "9223372036854775807m")]
    [InlineData(double.MinValue, "-9223372036854775808m")]
    [InlineData(double.Epsilon, "0")]
    public void FormatMilli_is_canonical_DecimalSI_of_truncated_milli(double value, string expected)
    {
        Assert.Equal(expected, Quantity.FormatMilli(value));

        Span<byte> buffer = stackalloc byte[Quantity.MaxFormattedLength];
        Assert.True(Quantity.TryFormatMilli(value, buffer, out int written));
        Assert.Equal(expected, Encoding.UTF8.GetString(buffer[..written]));
    }

    [Fact]
    public void Negative_zero_is_plain_zero() => Assert.Equal("0", Quantity.FormatMilli(-0.0));

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(1L, "1m")]
    [InlineData(-1L, "-1m")]
    [InlineData(999L, "999m")]
    [InlineData(1000L, "1")]
    [InlineData(1000000L, "1k")]
    [InlineData(-1000000L, "-1k")]
    [InlineData(1000000000L, "1M")]
    [InlineData(1000000000000L, "1G")]
    [InlineData(1000000000000000L, "1T")]
    [InlineData(1000000000000000000L, "1P")]
    [InlineData(9000000000000000000L, "9P")]
    [InlineData(long.MaxValue, "9223372036854775807m")]
    [InlineData(long.MinValue, "-9223372036854775808m")]
    public void FormatMilliValue_is_canonical(long milli, string expected) =>
        Assert.Equal(expected, Quantity.FormatMilliValue(milli));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_values_are_never_emitted(double value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantity.FormatMilli(value));
        Span<byte> buffer = stackalloc byte[64];
        Assert.False(Quantity.TryFormatMilli(value, buffer, out int written));
        Assert.Equal(0, written);
    }

    [Theory]
    [InlineData(1.5, 4)] // "1500m" needs 5
    [InlineData(-1e18, 20)] // "-9223372036854775808m" needs 21
    [InlineData(0.0, 0)]
    public void TryFormatMilli_fails_on_a_too_small_buffer(double value, int size)
    {
        Span<byte> buffer = stackalloc byte[size];
        Assert.False(Quantity.TryFormatMilli(value, buffer, out _));
    }

    [Fact]
    public void TryFormatMilli_does_not_allocate()
    {
        Span<byte> buffer = stackalloc byte[Quantity.MaxFormattedLength];
        double[] values = [0, 0.873, -1.5, 2000, 1e6, 12345.678, -1e300, 1e18];
        foreach (double value in values)
        {
            Assert.True(Quantity.TryFormatMilli(value, buffer, out _)); // warm up
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            Quantity.TryFormatMilli(values[i % values.Length] + i, buffer, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    // Upstream TestQuantityParse vectors, expressed as MilliValue (rounded away from zero, saturating).
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("0n", 0L)]
    [InlineData("0u", 0L)]
    [InlineData("0m", 0L)]
    [InlineData("0Ki", 0L)]
    [InlineData("0k", 0L)]
    [InlineData("0Mi", 0L)]
    [InlineData("0T", 0L)]
    [InlineData("-0", 0L)]
    [InlineData(".", 0L)]
    [InlineData("-.", 0L)]
    [InlineData("-", 0L)]
    [InlineData("1", 1000L)]
    [InlineData("1Ki", 1024000L)]
    [InlineData("8Ki", 8192000L)]
    [InlineData("7Mi", 7340032000L)]
    [InlineData("6Gi", 6442450944000L)]
    [InlineData("5Ti", 5497558138880000L)]
    [InlineData("4Pi", 4503599627370496000L)]
    [InlineData("3Ei", long.MaxValue)]
    [InlineData("9Ei", long.MaxValue)]
    [InlineData("5n", 1L)] // non-zero below a milli rounds up to one
    [InlineData("4u", 1L)]
    [InlineData("3m", 3L)]
    [InlineData("9", 9000L)]
    [InlineData("8k", 8000000L)]
    [InlineData("50k", 50000000L)]
    [InlineData("7M", 7000000000L)]
    [InlineData("6G", 6000000000000L)]
    [InlineData("5T", 5000000000000000L)]
    [InlineData("2P", 2000000000000000000L)]
    [InlineData("1E", long.MaxValue)]
    [InlineData("12E", long.MaxValue)]
    [InlineData("1E-3", 1L)]
    [InlineData("1e3", 1000000L)]
    [InlineData("1E6", 1000000000L)]
    [InlineData("1e15", 1000000000000000000L)]
    [InlineData("1E18", long.MaxValue)]
    [InlineData("100.035k", 100035000L)]
    [InlineData("0.001", 1L)]
    [InlineData("0.0005k", 500L)]
    [InlineData("0.5", 500L)]
    [InlineData("0.00500", 5L)]
    [InlineData("0.5e-2", 5L)]
    [InlineData("10.035M", 10035000000L)]
    [InlineData("1.2e3", 1200000L)]
    [InlineData("1.3E+6", 1300000000L)]
    [InlineData("9.01", 9010L)]
    [InlineData("8.1k", 8100000L)]
    [InlineData("7.123456M", 7123456000L)]
    [InlineData("6.987654321G", 6987654321000L)]
    [InlineData("3.001n", 1L)]
    [InlineData("0.00000012345", 1L)]
    [InlineData("100.035Ki", 102435840L)]
    [InlineData("0.5Mi", 524288000L)]
    [InlineData("0.05Gi", 53687091200L)]
    [InlineData("0.025Ti", 27487790694400L)]
    [InlineData("0.000000000001Ki", 1L)]
    [InlineData(".001", 1L)]
    [InlineData(".0001k", 100L)]
    [InlineData("1.", 1000L)]
    [InlineData("1.G", 1000000000000L)]
    [InlineData("+1.5", 1500L)]
    [InlineData("-1.5", -1500L)]
    [InlineData("1500m", 1500L)]
    [InlineData("1.5555", 1556L)] // rounds up (away from zero) like MilliValue
    [InlineData("-1.5555", -1556L)]
    [InlineData("-0.5m", -1L)]
    [InlineData("007", 7000L)]
    [InlineData("9223372036854775807m", long.MaxValue)]
    [InlineData("-9223372036854775808m", long.MinValue)]
    [InlineData("9223372036854775808m", long.MaxValue)]
    [InlineData("-9223372036854775809m", long.MinValue)]
    [InlineData("9223372036854775807Ki", long.MaxValue)]
    [InlineData("1e-1000", 1L)]
    [InlineData("-1e-1000", -1L)]
    [InlineData("1e99999999", long.MaxValue)]
    [InlineData("-1e99999999", long.MinValue)]
    [InlineData("0e99999999", 0L)]
    [InlineData("123456789012345678901234567890e-27", 123457L)]
    public void TryParseMilli_reads_the_quantity_grammar(string text, long expected)
    {
        Assert.True(Quantity.TryParseMilli(text, out long milli));
        Assert.Equal(expected, milli);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.1.M")]
    [InlineData("1+1.0M")]
    [InlineData("0.1mi")]
    [InlineData("0.1am")]
    [InlineData("aoeu")]
    [InlineData(".5i")]
    [InlineData("1i")]
    [InlineData("-3.01i")]
    [InlineData("-3.01e-")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1K")]
    [InlineData("1ki")]
    [InlineData("1e")]
    [InlineData("1Ee3")]
    [InlineData("1m5")]
    [InlineData("--1")]
    [InlineData("1e3.5")]
    [InlineData("1e99999999999999999999")] // exponent beyond int64: upstream's ParseInt rejects it
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1,5")]
    [InlineData("\uff11")] // fullwidth digit one
    public void TryParseMilli_rejects_garbage(string text)
    {
        Assert.False(Quantity.TryParseMilli(text, out long milli));
        Assert.Equal(0, milli);
    }

    [Fact]
    public void Format_then_parse_round_trips()
    {
        var random = new Random(20240611);
        for (int i = 0; i < 5000; i++)
        {
            long milli = random.Next(4) switch
            {
                0 => random.NextInt64(-2000, 2000),
                1 => random.NextInt64(-1000, 1000) * (long)Math.Pow(1000, random.Next(1, 6)),
                _ => random.NextInt64(long.MinValue, long.MaxValue),
            };
            string text = Quantity.FormatMilliValue(milli);
            Assert.True(Quantity.TryParseMilli(text, out long parsed), text);
            Assert.Equal(milli, parsed);
        }
    }

    [Fact]
    public void FormatMilli_round_trips_to_the_truncated_milli_value()
    {
        var random = new Random(7);
        for (int i = 0; i < 5000; i++)
        {
            double value = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-4, 14));
            Assert.True(Quantity.TryParseMilli(Quantity.FormatMilli(value), out long parsed));
            Assert.Equal((long)Math.Truncate(value * 1000), parsed);
        }
    }
}
