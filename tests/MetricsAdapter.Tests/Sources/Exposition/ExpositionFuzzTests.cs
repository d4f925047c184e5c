using System.Diagnostics;
using System.Text;
using Autoscale.MetricsAdapter.Sources.Exposition;
using Xunit.Abstractions;

namespace Autoscale.MetricsAdapter.Tests.Sources.Exposition;

/// <summary>
/// Garbage must never crash, hang or read out of bounds: every input ends in ok or an error result. Each case has its
/// own seed, printed with the input on failure, so <c>new Random(seed)</c> reproduces it.
/// </summary>
public sealed class ExpositionFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] FixtureNames =
        ["vllm-v0-real", "vllm-v1-shape", "dcgm-readme-real", "dcgm-podmapped-shape", "openmetrics-edge"];

    private static readonly string[] Tokens =
    [
        "vllm:num_requests_waiting", "m", "http_requests", "_bucket", "_sum", "_count", "_total", "_created", "{", "}",
        "\"", "\\", "\\\\", "\\\"", "\\n", "=", ",", " ", "  ", "\t", "\n", "\r\n", "\r", "le", "engine", "=\"0\"",
        "1", "-1.5e-3", "0.1", "NaN", "+Inf", "-Inf", "Inf", "9223372036854775794", "1e400", "1395066363000",
        "#", "# EOF", "# HELP m x", "# TYPE m histogram", " # {trace_id=\"a\"} 1", "é", "😀", ".", "-", "+", "e",
        "DCGM_FI_DEV_GPU_UTIL", "x_bucket{le=\"+Inf\"} 3", "a{b=\"c\"} 1\n",
    ];

    private static readonly byte[][] Insertions =
        ["\""u8.ToArray(), "\\"u8.ToArray(), "{"u8.ToArray(), "}"u8.ToArray(), "\n"u8.ToArray(), ","u8.ToArray(),
         " "u8.ToArray(), "#"u8.ToArray(), "="u8.ToArray(), [0], [0xC3], [0xFF]];

    private static readonly WantedFamilies Catalog = new(ExpositionGoldenTests.Catalog);

    private static readonly ExpositionParserOptions Tight = new()
    {
        MaxPageBytes = 4096, MaxLineBytes = 200, MaxLabelsPerSample = 4, MaxLabelValueBytes = 16,
    };

    [Fact]
    public void Random_bytes_never_break_the_parser() =>
        Run(seedBase: 1_000_000, cases: 40_000, random =>
        {
            byte[] input = new byte[random.Next(0, 160)];
            random.NextBytes(input);
            if (random.Next(2) == 0)
            {
                // Mostly printable ASCII gets past the UTF-8 and NUL checks and into the grammar.
                for (int i = 0; i < input.Length; i++)
                {
                    input[i] = (byte)(input[i] % 8 == 0 ? '\n' : 32 + (input[i] % 95));
                }
            }

            return input;
        });

    [Fact]
    public void Random_grammar_tokens_never_break_the_parser() =>
        Run(seedBase: 2_000_000, cases: 30_000, random =>
        {
            var text = new StringBuilder();
            int count = random.Next(1, 40);
            for (int i = 0; i < count; i++)
            {
                text.Append(Tokens[random.Next(Tokens.Length)]);
            }

            return Encoding.UTF8.GetBytes(text.ToString());
        });

    [Fact]
    public void Mutated_fixtures_never_break_the_parser()
    {
        byte[][] fixtures = FixtureNames.Select(ExpositionGoldenTests.ReadFixture).ToArray();
        Run(seedBase: 3_000_000, cases: 40_000, random =>
        {
            byte[] input = fixtures[random.Next(fixtures.Length)];
            int mutations = random.Next(1, 6);
            for (int m = 0; m < mutations; m++)
            {
                input = Mutate(random, input);
            }

            return input;
        });
    }

    private static byte[] Mutate(Random random, byte[] input)
    {
        if (input.Length == 0)
        {
            return Insertions[random.Next(Insertions.Length)];
        }

        int at = random.Next(input.Length);
        switch (random.Next(6))
        {
            case 0: // flip a byte
                byte[] flipped = (byte[])input.Clone();
                flipped[at] ^= (byte)(1 << random.Next(8));
                return flipped;
            case 1: // truncate
                return input[..at];
            case 2: // insert a syntax byte
                return [.. input[..at], .. Insertions[random.Next(Insertions.Length)], .. input[at..]];
            case 3: // delete a short run
                return [.. input[..at], .. input[Math.Min(input.Length, at + random.Next(1, 8))..]];
            default: // duplicate or remove a whole line
                List<byte[]> lines = Split(input);
                int line = random.Next(lines.Count);
                if (random.Next(2) == 0)
                {
                    lines.Insert(line, lines[line]);
                }
                else
                {
                    lines.RemoveAt(line);
                }

                return [.. lines.SelectMany(l => l)];
        }
    }

    private static List<byte[]> Split(byte[] input)
    {
        var lines = new List<byte[]>();
        int start = 0;
        for (int i = 0; i < input.Length; i++)
        {
            if (input[i] == (byte)'\n')
            {
                lines.Add(input[start..(i + 1)]);
                start = i + 1;
            }
        }

        lines.Add(input[start..]);
        return lines;
    }

    private void Run(int seedBase, int cases, Func<Random, byte[]> generate)
    {
        var all = new ExpositionParser(WantedFamilies.All);
        var catalog = new ExpositionParser(Catalog);
        var tight = new ExpositionParser(WantedFamilies.All, Tight);
        var stopwatch = Stopwatch.StartNew();
        int accepted = 0;
        for (int i = 0; i < cases; i++)
        {
            int seed = seedBase + i;
            byte[] input = generate(new Random(seed));
            try
            {
                accepted += Check(all, input) ? 1 : 0;
                Check(catalog, input);
                Check(tight, input);
            }
            catch (Exception e)
            {
                Assert.Fail($"seed {seed}: {e.GetType().Name}: {e.Message}\ninput (base64) {Convert.ToBase64String(input)}"
                    + $"\ninput (text) {Encoding.UTF8.GetString(input).ReplaceLineEndings("⏎")}\n{e.StackTrace}");
            }
        }

        output.WriteLine($"{cases} inputs ({accepted} accepted) x 3 parsers in {stopwatch.ElapsedMilliseconds} ms");
        Assert.True(accepted > 0 || seedBase == 1_000_000, "the generator should produce some valid pages too");
    }

    private static bool Check(ExpositionParser parser, byte[] input)
    {
        var sink = new CheckingSink(new byte[parser.Options.MaxLabelValueBytes], parser.Options);
        ExpositionResult result = parser.Parse(input, ref sink, (input.Length & 1) == 0
            ? ExpositionFormat.PrometheusText : ExpositionFormat.OpenMetrics);

        int lines = input.Count((byte)'\n') + 1;
        Assert.InRange(result.Line, result.IsOk ? 0 : 1, lines);
        Assert.Equal(sink.Samples, result.SamplesKept);
        Assert.True(result.IsOk || result.Error != ExpositionError.None);
        return result.IsOk;
    }

    private struct CheckingSink(byte[] scratch, ExpositionParserOptions options) : ISampleSink
    {
        public int Samples;

        public void OnSample(in ExpositionSample sample)
        {
            Samples++;
            Assert.True(ExpositionSyntax.IsValidMetricName(sample.Name));
            int labels = 0;
            foreach (ExpositionLabel label in sample.EnumerateLabels(scratch))
            {
                labels++;
                Assert.True(label.Value.Length <= options.MaxLabelValueBytes);
                Assert.False(label.Name.IsEmpty);
            }

            Assert.Equal(sample.LabelCount, labels);
            Assert.InRange(labels, 0, options.MaxLabelsPerSample);
        }
    }
}
