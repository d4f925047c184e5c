using System.Collections.Concurrent;
namespace Autoscale.MetricsAdapter.Store;

/// <summary>
/// Shares one sanitised, read-only label set among every series that carries the same labels (every pod of a model
/// has <c>{model_name=…}</c>), so the store holds one dictionary per distinct set instead of one per series, and a
/// scrape whose labels need sanitising (a Hugging Face id with '/') no longer builds a new dictionary each time.
/// Bounded: past <see cref="MaxSets"/> distinct sets, further ones are sanitised and stored unshared, as before.
/// </summary>
internal sealed class LabelSets
{
    public const int MaxSets = 4096;

    private readonly ConcurrentDictionary<IReadOnlyDictionary<string, string>, IReadOnlyDictionary<string, string>> _sets =
        new(ContentComparer.Instance);

    private int _count;

    /// <summary>The shared sanitised form of <paramref name="labels"/> (compared by content, not by reference).</summary>
    public IReadOnlyDictionary<string, string> Get(IReadOnlyDictionary<string, string> labels)
    {
        if (_sets.TryGetValue(labels, out var shared))
        {
            return shared;
        }

        var sanitized = MetricLabelValue.Sanitize(labels);
        if (Volatile.Read(ref _count) >= MaxSets)
        {
            return sanitized;
        }

        // Own copies: a caller may reuse or change its dictionary after the call.
        var key = new Dictionary<string, string>(labels, StringComparer.Ordinal);
        var value = ReferenceEquals(sanitized, labels) ? key : new Dictionary<string, string>(sanitized, StringComparer.Ordinal);
        if (_sets.TryAdd(key, value))
        {
            Interlocked.Increment(ref _count);
            return value;
        }

        return _sets.TryGetValue(labels, out shared) ? shared : sanitized;
    }

    /// <summary>Equal when both hold the same keys with the same values (ordinal), in any order.</summary>
    private sealed class ContentComparer : IEqualityComparer<IReadOnlyDictionary<string, string>>
    {
        public static readonly ContentComparer Instance = new();

        public bool Equals(IReadOnlyDictionary<string, string>? x, IReadOnlyDictionary<string, string>? y)
        {
            if (ReferenceEquals(x, y))
            {
                return true;
            }

            if (x is null || y is null || x.Count != y.Count)
            {
                return false;
            }

            foreach (var (key, value) in x)
            {
                if (!y.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(IReadOnlyDictionary<string, string> labels)
        {
            // Order-independent: a sum of per-pair hashes.
            int hash = labels.Count;
            foreach (var (key, value) in labels)
            {
                hash += HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), StringComparer.Ordinal.GetHashCode(value));
            }

            return hash;
        }
    }
}
