using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Sources.Prometheus;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.MetricsAdapter.Tests.Sources.Prometheus;

/// <summary>Which rule queries are polled: those reads asked for recently, at most a fixed number.</summary>
public sealed class RuleQueryCacheTests
{
    private static readonly RuleQueryKey Pods = new("m", GroupResource.Pods, "llm", "", External: false);
    private static readonly RuleQueryKey Namespaces = new("m", GroupResource.Namespaces, "", "", External: false);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_query_no_read_asked_for_within_the_idle_time_stops_being_polled()
    {
        var cache = new RuleQueryCache(_time, TimeSpan.FromMinutes(10), 10);
        Assert.NotNull(cache.Touch(Pods, LabelSelector.Everything, out var created));
        Assert.True(created);
        cache.Touch(Namespaces, LabelSelector.Everything, out _);

        _time.Advance(TimeSpan.FromMinutes(6));
        cache.Touch(Pods, LabelSelector.Everything, out created);
        Assert.False(created);
        _time.Advance(TimeSpan.FromMinutes(6));
        cache.Expire();

        Assert.Equal([Pods], cache.Entries.Select(e => e.Key));
    }

    [Fact]
    public void Past_the_limit_no_new_query_is_taken_on()
    {
        var cache = new RuleQueryCache(_time, TimeSpan.FromMinutes(10), 1);
        Assert.NotNull(cache.Touch(Pods, LabelSelector.Everything, out _));
        Assert.Null(cache.Touch(Namespaces, LabelSelector.Everything, out _));
        Assert.NotNull(cache.Touch(Pods, LabelSelector.Everything, out _));
    }

    [Fact]
    public async Task The_first_answer_releases_readers_waiting_for_it()
    {
        var cache = new RuleQueryCache(_time, TimeSpan.FromMinutes(10), 10);
        var entry = cache.Touch(Pods, LabelSelector.Everything, out _)!;
        Assert.False(entry.FirstAnswer.Task.IsCompleted);
        entry.Answer = new RuleAnswer([], _time.GetUtcNow(), null);
        await entry.FirstAnswer.Task;
        Assert.Same(entry.Answer, cache.Answer(Pods));
    }
}
