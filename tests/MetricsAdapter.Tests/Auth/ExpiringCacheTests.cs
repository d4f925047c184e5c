using Autoscale.MetricsAdapter.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.MetricsAdapter.Tests.Auth;

/// <summary>Issue #12 finding 9: the caches were cleared whole when full, so one caller could flush everyone's entries.</summary>
public sealed class ExpiringCacheTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_flood_of_new_keys_evicts_the_least_recently_used_not_everything()
    {
        var time = new FakeTimeProvider(TestPkiTime);
        var cache = new ExpiringCache<string, int>(time, capacity: 100);
        cache.Set("hpa-controller", 1, Ttl);

        for (var i = 0; i < 1_000; i++)
        {
            cache.Set($"attacker-{i}", i, Ttl);
            if (i % 50 == 0)
            {
                // The HPA controller keeps using its entry, so it stays among the most recently used.
                Assert.True(cache.TryGet("hpa-controller", out _), $"evicted after {i} attacker entries");
            }
        }

        Assert.True(cache.TryGet("hpa-controller", out var value));
        Assert.Equal(1, value);
        Assert.Equal(100, cache.Count);
        Assert.False(cache.TryGet("attacker-0", out _));
        Assert.True(cache.TryGet("attacker-999", out _));
    }

    [Fact]
    public void Entries_expire_after_their_ttl_and_a_zero_ttl_is_not_cached()
    {
        var time = new FakeTimeProvider(TestPkiTime);
        var cache = new ExpiringCache<string, int>(time);
        cache.Set("a", 1, Ttl);
        cache.Set("b", 2, TimeSpan.Zero);

        Assert.True(cache.TryGet("a", out _));
        Assert.False(cache.TryGet("b", out _));
        time.Advance(Ttl);
        Assert.False(cache.TryGet("a", out _));
        Assert.Equal(0, cache.Count);
    }

    private static DateTimeOffset TestPkiTime => TestPki.Issued;
}
