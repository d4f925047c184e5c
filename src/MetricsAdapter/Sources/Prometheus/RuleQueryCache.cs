using System.Collections.Concurrent;
using Autoscale.Kubernetes;
namespace Autoscale.MetricsAdapter.Sources.Prometheus;

/// <summary>
/// The rule queries that reads have asked for, each with its last answer. A query asked for is polled every interval
/// until no read has asked for it for <see cref="IdleAfter"/>; so Prometheus' load is bounded by what HPAs read
/// (metrics × resources × namespaces × metric selectors in use), not by every series a rule could name.
/// </summary>
internal sealed class RuleQueryCache(TimeProvider time, TimeSpan idleAfter, int maxQueries)
{
    private readonly ConcurrentDictionary<RuleQueryKey, Entry> _entries = new();

    public TimeSpan IdleAfter => idleAfter;

    public int Count => _entries.Count;

    public ICollection<Entry> Entries => _entries.Values;

    /// <summary>The entry for a key, created if there is room (null when <c>maxQueries</c> are already polled).</summary>
    public Entry? Touch(RuleQueryKey key, LabelSelector metricSelector, out bool created)
    {
        created = false;
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry))
        {
            entry.LastAsked = now;
            return entry;
        }

        if (_entries.Count >= maxQueries)
        {
            return null;
        }

        var fresh = new Entry(key, metricSelector) { LastAsked = now };
        entry = _entries.GetOrAdd(key, fresh);
        created = ReferenceEquals(entry, fresh);
        return entry;
    }

    public RuleAnswer? Answer(RuleQueryKey key) => _entries.TryGetValue(key, out var entry) ? entry.Answer : null;

    /// <summary>Forgets queries no read asked for within <see cref="IdleAfter"/>.</summary>
    public void Expire()
    {
        var now = time.GetUtcNow();
        foreach (var (key, entry) in _entries)
        {
            if (now - entry.LastAsked > idleAfter)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    public void Remove(RuleQueryKey key) => _entries.TryRemove(key, out _);

    /// <summary>One polled query: its key, the selector it was built from, the last answer, and the first answer's arrival.</summary>
    internal sealed class Entry(RuleQueryKey key, LabelSelector metricSelector)
    {
        private RuleAnswer? _answer;
        private long _lastAsked;

        public RuleQueryKey Key { get; } = key;

        public LabelSelector MetricSelector { get; } = metricSelector;

        public TaskCompletionSource FirstAnswer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public RuleAnswer? Answer
        {
            get => Volatile.Read(ref _answer);
            set
            {
                Volatile.Write(ref _answer, value);
                FirstAnswer.TrySetResult();
            }
        }

        public DateTimeOffset LastAsked
        {
            get => new(Interlocked.Read(ref _lastAsked), TimeSpan.Zero);
            set => Interlocked.Exchange(ref _lastAsked, value.UtcTicks);
        }
    }
}
