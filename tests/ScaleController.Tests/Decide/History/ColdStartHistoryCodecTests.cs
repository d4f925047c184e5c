using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.History;
using static Autoscale.ScaleController.Tests.Decide.Fixtures;

namespace Autoscale.ScaleController.Tests.Decide.History;

public sealed class ColdStartHistoryCodecTests
{
    [Fact]
    public void Encodes_compactly_and_round_trips()
    {
        var history = ColdStartLearner.Learn(ColdStartHistory.Empty, [Ready("qwen-5f7d-x2x9k", 240, 90, 120, readyAgo: 0)], ColdStartPolicy.Default);

        var text = ColdStartHistoryCodec.Encode(history);

        Assert.Equal("""{"v":1,"s":[["qwen-5f7d-x2x9k",1763985600,240,90,120]]}""", text);
        Assert.True(ColdStartHistoryCodec.Decode(text).SameAs(history));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"v":2,"s":[]}""")]
    [InlineData("""{"v":1,"s":[["p","x",1,2,3]]}""")]
    [InlineData("""{"v":1,"s":[["p",1]]}""")]
    [InlineData("""[1,2,3]""")]
    public void Unreadable_annotations_decode_as_empty(string? value) =>
        Assert.Empty(ColdStartHistoryCodec.Decode(value).Samples);

    [Fact]
    public void Largest_history_stays_far_below_the_annotation_limit()
    {
        var pods = Enumerable.Range(0, 150).Select(i => Ready(new string('a', 240) + $"{i:000}", 999, 999, 999, readyAgo: i)).ToList();
        var history = ColdStartLearner.Learn(ColdStartHistory.Empty, pods, ColdStartPolicy.Default with { HistorySize = 100, MaxSampleSeconds = 86_400 });

        var text = ColdStartHistoryCodec.Encode(history);

        Assert.Equal(100, history.Samples.Count);
        Assert.InRange(text.Length, 1, 32 * 1024);
    }
}
