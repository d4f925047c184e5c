using System.Text;
using Autoscale.MetricsAdapter.Sources.Exposition;

namespace Autoscale.MetricsAdapter.Tests.Sources.Exposition;

public sealed class LabelEnumeratorTests
{
    [Fact]
    public void Values_without_escapes_are_slices_of_the_page_and_escaped_ones_use_the_scratch()
    {
        byte[] page = "m{plain=\"abc\",esc=\"a\\\"b\"} 1\n"u8.ToArray();
        var sink = new ProbeSink { Scratch = new byte[16] };

        Assert.True(new ExpositionParser(WantedFamilies.All).Parse(page, ref sink).IsOk);

        Assert.Equal(["plain=abc (page)", "esc=a\"b (scratch)"], sink.Seen);
        Assert.Equal("plain=\"abc\",esc=\"a\\\"b\"", sink.Raw);
        Assert.Equal(2, sink.LabelCount);
    }

    [Fact]
    public void A_scratch_too_small_for_an_escaped_value_is_a_caller_error()
    {
        byte[] page = "m{esc=\"a\\\"bcdef\"} 1\n"u8.ToArray();
        var sink = new ProbeSink { Scratch = new byte[2] };

        Assert.Throws<ArgumentException>(() => new ExpositionParser(WantedFamilies.All).Parse(page, ref sink));
    }

    [Fact]
    public void Samples_without_labels_enumerate_nothing()
    {
        var sink = new ProbeSink { Scratch = new byte[4] };

        new ExpositionParser(WantedFamilies.All).Parse("m 1\nn{} 2\n"u8, ref sink);

        Assert.Empty(sink.Seen);
        Assert.Equal(string.Empty, sink.Raw);
    }

    [Fact]
    public void Try_get_label_finds_by_name_and_reports_missing()
    {
        var sink = new LookupSink();

        new ExpositionParser(WantedFamilies.All).Parse("m{engine=\"1\",le=\"+Inf\"} 1\n"u8, ref sink);

        Assert.Equal("+Inf", sink.Le);
        Assert.False(sink.HasPod);
    }

    private sealed class ProbeSink : ISampleSink
    {
        public required byte[] Scratch { get; init; }

        public List<string> Seen { get; } = [];

        public string Raw { get; private set; } = "?";

        public int LabelCount { get; private set; }

        public void OnSample(in ExpositionSample sample)
        {
            Raw = Encoding.UTF8.GetString(sample.RawLabels);
            LabelCount = sample.LabelCount;
            foreach (ExpositionLabel label in sample.EnumerateLabels(Scratch))
            {
                bool inScratch = label.Value.Overlaps(Scratch);
                Seen.Add($"{Encoding.UTF8.GetString(label.Name)}={Encoding.UTF8.GetString(label.Value)}"
                    + (inScratch ? " (scratch)" : " (page)"));
            }
        }
    }

    private ref struct LookupSink : ISampleSink
    {
        public string? Le;
        public bool HasPod;

        public void OnSample(in ExpositionSample sample)
        {
            Span<byte> scratch = stackalloc byte[32];
            if (sample.TryGetLabel("le"u8, scratch, out ReadOnlySpan<byte> le))
            {
                Le = Encoding.UTF8.GetString(le);
            }

            HasPod = sample.TryGetLabel("pod"u8, scratch, out _);
        }
    }
}
