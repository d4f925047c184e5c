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

    [Fact]
    public void Node_phases_are_appended_only_to_samples_that_have_them()
    {
        var history = new ColdStartHistory(
        [
            new ColdStartSample("a", Now.AddSeconds(-60), 300, 100, 150, new NodeWait(180, 60)),
            new ColdStartSample("b", Now, 5, 10, 150),
        ]);

        var text = ColdStartHistoryCodec.Encode(history);

        Assert.Equal("""{"v":1,"s":[["a",1763985540,300,100,150,180,60],["b",1763985600,5,10,150]]}""", text);
        Assert.True(ColdStartHistoryCodec.Decode(text).SameAs(history));
    }

    [Fact]
    public void Annotations_written_before_node_phases_existed_still_decode()
    {
        var decoded = ColdStartHistoryCodec.Decode("""{"v":1,"s":[["qwen-a",1763985600,240,90,120]]}""");

        var sample = Assert.Single(decoded.Samples);
        Assert.Equal(("qwen-a", 240, 90, 120, (NodeWait?)null), (sample.Pod, sample.SchedulingSeconds, sample.PullSeconds, sample.LoadSeconds, sample.Node));
    }

    [Theory]
    [InlineData("""{"v":1,"s":[["a",1763985600,100,10,10,90,20]]}""")]   // node parts longer than scheduling
    [InlineData("""{"v":1,"s":[["a",1763985600,100,10,10,-5,20]]}""")]   // negative
    [InlineData("""{"v":1,"s":[["a",1763985600,100,10,10,50]]}""")]      // only one of the two
    public void A_node_split_that_does_not_fit_is_dropped_and_the_sample_kept(string value)
    {
        var sample = Assert.Single(ColdStartHistoryCodec.Decode(value).Samples);

        Assert.Equal((120, (NodeWait?)null), (sample.TotalSeconds, sample.Node));
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
