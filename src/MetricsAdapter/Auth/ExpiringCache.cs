using System.Collections.Concurrent;

namespace Autoscale.MetricsAdapter.Auth;

/// <summary>
/// A small TTL cache for authentication and authorization answers (upstream caches TokenReview and
/// SubjectAccessReview answers for 10 s). Bounded: when full, expired entries are swept and, if still full, the cache
/// starts over rather than growing.
/// </summary>
internal sealed class ExpiringCache<TValue>(TimeProvider time, int capacity = 10_000)
{
    private readonly ConcurrentDictionary<string, (TValue Value, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);

    public bool TryGet(string key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Expires > time.GetUtcNow())
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(string key, TValue value, TimeSpan ttl)
    {
        if (ttl <= TimeSpan.Zero)
        {
            return;
        }

        if (_entries.Count >= capacity)
        {
            var now = time.GetUtcNow();
            foreach (var (k, e) in _entries)
            {
                if (e.Expires <= now)
                {
                    _entries.TryRemove(k, out _);
                }
            }

            if (_entries.Count >= capacity)
            {
                _entries.Clear();
            }
        }

        _entries[key] = (value, time.GetUtcNow() + ttl);
    }
}
