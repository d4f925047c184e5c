using System.Buffers;

namespace Autoscale.MetricsAdapter.Catalog;

/// <summary>The items of one reply in a pooled buffer; dispose after writing.</summary>
internal sealed class MetricValueList : IDisposable
{
    private MetricValue[] _items;

    public MetricValueList(int capacity = 16) => _items = ArrayPool<MetricValue>.Shared.Rent(Math.Max(1, capacity));

    public int Count { get; private set; }

    public ReadOnlySpan<MetricValue> Items => _items.AsSpan(0, Count);

    public void Add(in MetricValue value)
    {
        if (Count == _items.Length)
        {
            var bigger = ArrayPool<MetricValue>.Shared.Rent(_items.Length * 2);
            _items.AsSpan(0, Count).CopyTo(bigger);
            ArrayPool<MetricValue>.Shared.Return(_items, clearArray: true);
            _items = bigger;
        }

        _items[Count++] = value;
    }

    public void Dispose()
    {
        if (_items.Length > 0)
        {
            ArrayPool<MetricValue>.Shared.Return(_items, clearArray: true);
            _items = [];
            Count = 0;
        }
    }
}
