namespace Autoscale.VllmEmulator.Model;

/// <summary>A growable ring buffer of slot indices: FIFO queues that also take preempted requests at the front.</summary>
internal sealed class IntDeque
{
    private int[] _items = new int[16];
    private int _head;

    public int Count { get; private set; }

    /// <summary>An independent copy with the same items in the same order.</summary>
    public IntDeque Clone() => new() { _items = (int[])_items.Clone(), _head = _head, Count = Count };

    public int PeekFront() => _items[_head];

    public void PushBack(int value)
    {
        Grow();
        _items[(_head + Count) & (_items.Length - 1)] = value;
        Count++;
    }

    public void PushFront(int value)
    {
        Grow();
        _head = (_head - 1) & (_items.Length - 1);
        _items[_head] = value;
        Count++;
    }

    public int PopFront()
    {
        var value = _items[_head];
        _head = (_head + 1) & (_items.Length - 1);
        Count--;
        return value;
    }

    private void Grow()
    {
        if (Count < _items.Length)
        {
            return;
        }

        // Capacity stays a power of two so that wrapping is a mask.
        var larger = new int[_items.Length * 2];
        for (var i = 0; i < Count; i++)
        {
            larger[i] = _items[(_head + i) & (_items.Length - 1)];
        }

        _items = larger;
        _head = 0;
    }
}
