using Autoscale.Kubernetes;

namespace Autoscale.Kubernetes.Tests;

/// <summary>The one duration reader of both programs' config files, flags and the benches.</summary>
public sealed class GoDurationTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("2s", 2_000)]
    [InlineData("0.5s", 500)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1h2m3s4ms", 3_723_004)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData(" 10s ", 10_000)]
    [InlineData("0s", 0)]
    public void Reads_go_durations(string text, long ms)
    {
        Assert.True(GoDuration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(ms), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("-1s")]
    [InlineData("1d")]
    [InlineData("s")]
    [InlineData("1.2.3s")]
    [InlineData("8761h")]
    [InlineData("99999999999999999999h")]
    public void Refuses_what_is_not_a_duration_or_is_too_long(string text) =>
        Assert.False(GoDuration.TryParse(text, out _));

    [Theory]
    [InlineData("5", 5_000)]
    [InlineData("0.25", 250)]
    [InlineData("1m30s", 90_000)]
    public void A_flag_also_takes_plain_seconds(string text, long ms)
    {
        Assert.True(GoDuration.TryParseOrSeconds(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(ms), value);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("1e400")]
    public void A_flag_refuses_what_is_neither(string text) =>
        Assert.False(GoDuration.TryParseOrSeconds(text, out _));

    [Theory]
    [InlineData(90_000, "1m30s")]
    [InlineData(500, "500ms")]
    [InlineData(0, "0ms")]
    [InlineData(3_723_004, "1h2m3s4ms")]
    public void Formats_what_it_reads(long ms, string text)
    {
        Assert.Equal(text, GoDuration.Format(TimeSpan.FromMilliseconds(ms)));
        Assert.True(GoDuration.TryParse(text, out var back));
        Assert.Equal(TimeSpan.FromMilliseconds(ms), back);
    }
}
