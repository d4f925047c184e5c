using System.Text;
using Autoscale.MetricsAdapter.Sources.Exposition;

namespace Autoscale.MetricsAdapter.Tests.Sources.Exposition;

public sealed class ExpositionErrorTests
{
    private const string Good = "# HELP m ok\n# TYPE m gauge\nm{a=\"1\"} 1\n"; // the bad line below is line 4

    [Theory]
    [InlineData("m{a=\"1} 1", nameof(ExpositionError.UnterminatedLabelValue))]
    [InlineData("m{a=\"1\\", nameof(ExpositionError.UnterminatedLabelValue))]
    [InlineData("m{a=\"1\"", nameof(ExpositionError.ExpectedCommaOrBrace))]
    [InlineData("m{a=\"1\" b=\"2\"} 1", nameof(ExpositionError.ExpectedCommaOrBrace))]
    [InlineData("m{a=1} 1", nameof(ExpositionError.ExpectedQuote))]
    [InlineData("m{a} 1", nameof(ExpositionError.ExpectedEquals))]
    [InlineData("m{1a=\"1\"} 1", nameof(ExpositionError.InvalidLabelName))]
    [InlineData("m{a-b=\"1\"} 1", nameof(ExpositionError.InvalidLabelName))]
    [InlineData("m{,} 1", nameof(ExpositionError.InvalidLabelName))]
    [InlineData("m{a=\"1\"}", nameof(ExpositionError.MissingValue))]
    [InlineData("m", nameof(ExpositionError.MissingValue))]
    [InlineData("m{a=\"1\"} one", nameof(ExpositionError.InvalidValue))]
    [InlineData("m 1.2.3", nameof(ExpositionError.InvalidValue))]
    [InlineData("m 0x10", nameof(ExpositionError.InvalidValue))]
    [InlineData("m 1 abc", nameof(ExpositionError.InvalidTimestamp))]
    [InlineData("m 1 99999999999999999999", nameof(ExpositionError.InvalidTimestamp))]
    [InlineData("m 1 2 3", nameof(ExpositionError.UnexpectedText))]
    [InlineData("m 1 # trace", nameof(ExpositionError.InvalidExemplar))]
    [InlineData("m 1 # {a=\"1\"}", nameof(ExpositionError.InvalidExemplar))]
    [InlineData("9m 1", nameof(ExpositionError.InvalidMetricName))]
    [InlineData("m-x 1", nameof(ExpositionError.InvalidMetricName))]
    [InlineData("{a=\"1\"} 1", nameof(ExpositionError.InvalidMetricName))]
    [InlineData("\"m\" 1", nameof(ExpositionError.InvalidMetricName))]
    public void Malformed_sample_is_reported_with_its_line(string badLine, string expected)
    {
        ParsedPage page = ParsedPage.Parse(Encoding.UTF8.GetBytes(Good + badLine + "\nm 2\n"));

        Assert.Equal(expected, page.Result.Error.ToString());
        Assert.Equal(4, page.Result.Line);
        Assert.False(page.Result.IsOk);
        Assert.Contains("line 4", page.Result.ToString(), StringComparison.Ordinal);
        Assert.Single(page.Samples); // only the sample before the bad line reached the sink
    }

    [Fact]
    public void Nul_byte_is_rejected_with_its_line()
    {
        ExpositionResult result = ParsedPage.Parse("a 1\nb 2\nc{x=\"\0\"} 3\n"u8).Result;

        Assert.Equal(ExpositionError.ContainsNul, result.Error);
        Assert.Equal(3, result.Line);
    }

    [Fact]
    public void Invalid_utf8_is_rejected_with_its_line()
    {
        byte[] page = [.. "a 1\n# HELP b caf"u8, 0xC3, 0x28, .. "\nb 2\n"u8];

        ExpositionResult result = ParsedPage.Parse(page).Result;

        Assert.Equal(ExpositionError.InvalidUtf8, result.Error);
        Assert.Equal(2, result.Line);
    }

    [Fact]
    public void Page_over_the_size_limit_is_rejected()
    {
        var options = new ExpositionParserOptions { MaxPageBytes = 10 };

        Assert.Equal(ExpositionError.PageTooLarge, ParsedPage.Parse("a 1\nb 2\nc 3\n"u8, null, options).Result.Error);
        Assert.True(ParsedPage.Parse("a 1\nb 2\n"u8, null, options).Result.IsOk);
    }

    [Theory]
    [InlineData("a 1\nb 222222222\nc 3\n", 2)]
    [InlineData("a 1\nb 222222222", 2)]
    [InlineData("a 1\n# long comment\n", 2)]
    public void Line_over_the_length_limit_is_rejected_with_its_line(string text, int line)
    {
        var options = new ExpositionParserOptions { MaxLineBytes = 10 };

        ExpositionResult result = ParsedPage.Parse(Encoding.UTF8.GetBytes(text), null, options).Result;

        Assert.Equal(ExpositionError.LineTooLong, result.Error);
        Assert.Equal(line, result.Line);
    }

    [Fact]
    public void Line_exactly_at_the_length_limit_is_accepted_even_with_crlf()
    {
        var options = new ExpositionParserOptions { MaxLineBytes = 10 };

        Assert.True(ParsedPage.Parse("b 22222222\r\nb 22222222"u8, null, options).Result.IsOk);
    }

    [Fact]
    public void Too_many_labels_and_too_long_label_values_are_rejected()
    {
        var options = new ExpositionParserOptions { MaxLabelsPerSample = 2, MaxLabelValueBytes = 4 };

        Assert.True(ParsedPage.Parse("m{a=\"1234\",b=\"2\"} 1\n"u8, null, options).Result.IsOk);
        ExpositionResult tooMany = ParsedPage.Parse("m 0\nm{a=\"1\",b=\"2\",c=\"3\"} 1\n"u8, null, options).Result;
        Assert.Equal((ExpositionError.TooManyLabels, 2), (tooMany.Error, tooMany.Line));
        ExpositionResult tooLong = ParsedPage.Parse("m{a=\"12345\"} 1\n"u8, null, options).Result;
        Assert.Equal((ExpositionError.LabelValueTooLong, 1), (tooLong.Error, tooLong.Line));
    }

    [Fact]
    public void Errors_in_unwanted_families_are_not_looked_at()
    {
        ParsedPage page = ParsedPage.Parse("other{a=\"unterminated 1\nwanted 2\n"u8, new WantedFamilies(["wanted"]));

        Assert.True(page.Result.IsOk, page.Result.ToString());
        Assert.Equal(2.0, Assert.Single(page.Samples).Value);
    }

    [Fact]
    public void Invalid_names_are_rejected_even_in_unwanted_families()
    {
        ExpositionResult result = ParsedPage.Parse("ok 1\nbad-name 2\n"u8, new WantedFamilies(["wanted"])).Result;

        Assert.Equal((ExpositionError.InvalidMetricName, 2), (result.Error, result.Line));
    }

    [Fact]
    public void Invalid_options_are_refused_at_construction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new ExpositionParser(WantedFamilies.All, new ExpositionParserOptions { MaxLineBytes = 0 }));
    }
}
