using System.Text;
using Autoscale.MetricsAdapter.Sources.Exposition;

namespace Autoscale.MetricsAdapter.Tests.Sources.Exposition;

public sealed class ExpositionToleranceTests
{
    [Fact]
    public void Crlf_line_ends_are_accepted()
    {
        ParsedSample sample = Single("# TYPE m gauge\r\nm{a=\"x\"} 2.5\r\n");

        Assert.Equal(2.5, sample.Value);
        Assert.Equal("x", sample.Labels["a"]);
        Assert.Equal(2, sample.Line);
    }

    [Fact]
    public void Missing_trailing_newline_still_yields_the_last_sample()
    {
        ParsedPage page = Parse("a 1\nb 2");

        Assert.True(page.Result.IsOk);
        Assert.Equal(["a", "b"], page.Samples.Select(s => s.Name));
        Assert.Equal(2.0, page.Samples[1].Value);
    }

    [Fact]
    public void Blank_lines_whitespace_lines_and_comments_are_skipped()
    {
        ParsedPage page = Parse("\n\n  \t \n# just a comment\n#\n# HELP m help \\n text\nm 1\n\n");

        Assert.True(page.Result.IsOk);
        Assert.Equal(8, page.Result.Line); // the empty text after the last line feed counts as a line
        Assert.Single(page.Samples);
    }

    [Fact]
    public void Samples_without_help_or_type_are_kept()
    {
        ParsedPage page = Parse("vllm:num_requests_waiting{engine=\"0\"} 3\n", "vllm:num_requests_waiting");

        Assert.Equal(3.0, Assert.Single(page.Samples).Value);
    }

    [Theory]
    [InlineData("m{a=\"1\", b=\"2\"} 1")]
    [InlineData("m{a=\"1\",b=\"2\",} 1")]
    [InlineData("m{ a = \"1\" ,\tb=\"2\" } 1")]
    [InlineData("m {a=\"1\",b=\"2\"} 1")]
    [InlineData("m{b=\"2\",a=\"1\"}1")]
    public void Label_spacing_trailing_comma_and_order_do_not_matter(string line)
    {
        ParsedSample sample = Single(line);

        Assert.Equal("1", sample.Labels["a"]);
        Assert.Equal("2", sample.Labels["b"]);
        Assert.Equal(1.0, sample.Value);
    }

    [Theory]
    [InlineData("NaN", double.NaN)]
    [InlineData("nan", double.NaN)]
    [InlineData("+Inf", double.PositiveInfinity)]
    [InlineData("Inf", double.PositiveInfinity)]
    [InlineData("-Inf", double.NegativeInfinity)]
    [InlineData("+infinity", double.PositiveInfinity)]
    [InlineData("9223372036854775794", 9223372036854775794d)]
    [InlineData("1.7382173358407154e+09", 1.7382173358407154e+09)]
    [InlineData("-1.0", -1.0)]
    [InlineData("1.5E-3", 0.0015)]
    [InlineData(".5", 0.5)]
    [InlineData("0.1", 0.1)]
    [InlineData("123456789012345678901234567890", 1.2345678901234568E+29)]
    [InlineData("0.000000000000000000001", 1e-21)]
    public void Values_follow_go_parse_float(string text, double expected)
    {
        ParsedSample sample = Single("m " + text);

        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(sample.Value));
    }

    [Fact]
    public void Simple_decimals_parse_exactly_like_the_runtime_parser()
    {
        var random = new Random(1234);
        for (int i = 0; i < 5000; i++)
        {
            string text = (random.NextDouble() * Math.Pow(10, random.Next(-6, 10))).ToString("F" + random.Next(0, 9),
                System.Globalization.CultureInfo.InvariantCulture);
            ParsedSample sample = Single("m " + text);
            Assert.True(
                double.Parse(text, System.Globalization.CultureInfo.InvariantCulture) == sample.Value, text);
        }
    }

    [Fact]
    public void Timestamps_are_milliseconds_in_text_and_seconds_in_openmetrics()
    {
        Assert.Equal(1395066363000, Single("m 1 1395066363000").TimestampMs);
        Assert.Null(Single("m 1").TimestampMs);

        ParsedPage om = ParsedPage.Parse("m 1 1395066363.5\n"u8, format: ExpositionFormat.OpenMetrics);
        Assert.Equal(1395066363500, Assert.Single(om.Samples).TimestampMs);
        ParsedPage omInt = ParsedPage.Parse("m 1 1395066363\n"u8, format: ExpositionFormat.OpenMetrics);
        Assert.Equal(1395066363000, Assert.Single(omInt.Samples).TimestampMs);
    }

    [Fact]
    public void Openmetrics_eof_ends_the_page_and_exemplars_are_skipped()
    {
        ParsedPage page = Parse(
            "a_bucket{le=\"1\"} 3 # {trace_id=\"x\"} 0.5 1700000000.1\nb 2 1000 # {} 1\n# EOF\nnot even { valid\n");

        Assert.True(page.Result.IsOk, page.Result.ToString());
        Assert.Equal([3.0, 2.0], page.Samples.Select(s => s.Value));
        Assert.Equal(3, page.Result.Line);
    }

    [Fact]
    public void Escapes_in_label_values_are_unescaped_and_unknown_escapes_kept()
    {
        ParsedSample sample = Single("m{a=\"q\\\"b\\\\s\\nn\",b=\"x\\ty\",c=\"{},=#\"} 1");

        Assert.Equal("q\"b\\s\nn", sample.Labels["a"]);
        Assert.Equal("x\\ty", sample.Labels["b"]);
        Assert.Equal("{},=#", sample.Labels["c"]);
    }

    [Fact]
    public void Multibyte_utf8_in_label_values_is_kept()
    {
        Assert.Equal("modèle-😀", Single("m{model_name=\"modèle-😀\"} 1").Labels["model_name"]);
    }

    [Fact]
    public void Unwanted_families_are_skipped_without_reaching_the_sink()
    {
        ParsedPage page = Parse("a 1\nb{x=\"1\"} 2\nc 3\nb_created 4\nb_bucket{le=\"1\"} 5\n", "b");

        Assert.Equal(["b", "b_bucket"], page.Samples.Select(s => s.Name));
        Assert.Equal([SampleSuffix.None, SampleSuffix.Bucket], page.Samples.Select(s => s.Suffix));
        Assert.All(page.Samples, s => Assert.Equal("b", s.Family));
    }

    [Fact]
    public void Parsing_a_page_with_a_struct_sink_allocates_nothing()
    {
        byte[] page = ExpositionGoldenTests.ReadFixture("vllm-v1-shape");
        var parser = new ExpositionParser(new WantedFamilies(ExpositionGoldenTests.Catalog));
        var sink = new CountingSink();
        parser.Parse(page, ref sink); // warm up (JIT, statics)

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            sink = new CountingSink();
            ExpositionResult result = parser.Parse(page, ref sink);
            Assert.True(result.IsOk);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(13, sink.Samples);
        Assert.Equal(3, sink.EngineOneSamples);
    }

    private static ParsedPage Parse(string text, params string[] families) =>
        ParsedPage.Parse(Encoding.UTF8.GetBytes(text), families.Length == 0 ? null : new WantedFamilies(families));

    private static ParsedSample Single(string text)
    {
        ParsedPage page = Parse(text);
        Assert.True(page.Result.IsOk, page.Result.ToString());
        return Assert.Single(page.Samples);
    }

    private struct CountingSink : ISampleSink
    {
        public int Samples;
        public int EngineOneSamples;

        public void OnSample(in ExpositionSample sample)
        {
            Samples++;
            Span<byte> scratch = stackalloc byte[64];
            if (sample.TryGetLabel("engine"u8, scratch, out ReadOnlySpan<byte> engine) && engine.SequenceEqual("1"u8))
            {
                EngineOneSamples++;
            }
        }
    }
}
