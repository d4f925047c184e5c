namespace Autoscale.VllmEmulator.Model;

/// <summary>
/// vLLM V1 automatic prefix caching at the granularity of a request's prefix hashes (each hash names the content of
/// one block of the prompt, chained so that it also names everything before it, as Mooncake's <c>hash_ids</c> and
/// vLLM's block hashes do). A block stays reusable until the KV cache has been filled with newer blocks: vLLM keeps
/// a freed block's content until the block is reallocated, least recently used first, so the cache is an LRU over
/// the replica's whole KV capacity. Not thread-safe; steady state allocates nothing.
/// </summary>
internal sealed class PrefixCache
{
    private const int None = -1;

    private readonly long _capacityTokens;
    private readonly Dictionary<long, int> _index = [];
    private long[] _hash = new long[256];
    private int[] _tokens = new int[256];
    private int[] _prev = new int[256];
    private int[] _next = new int[256];
    private int _free = None;
    private int _allocated;
    private int _head = None; // most recently used
    private int _tail = None; // least recently used

    public PrefixCache(long capacityTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityTokens, 1);
        _capacityTokens = capacityTokens;
    }

    private PrefixCache(PrefixCache source)
    {
        _capacityTokens = source._capacityTokens;
        _index = new Dictionary<long, int>(source._index);
        _hash = (long[])source._hash.Clone();
        _tokens = (int[])source._tokens.Clone();
        _prev = (int[])source._prev.Clone();
        _next = (int[])source._next.Clone();
        _free = source._free;
        _allocated = source._allocated;
        _head = source._head;
        _tail = source._tail;
        CachedTokens = source.CachedTokens;
    }

    public long CachedTokens { get; private set; }

    /// <summary>A deep copy for <see cref="ReplicaModel.Clone"/>: the same blocks in the same LRU order.</summary>
    public PrefixCache Clone() => new(this);

    public int Blocks => _index.Count;

    /// <summary>
    /// Tokens of the prompt already in the cache: the leading hashes present, each worth its block's tokens. Marks
    /// them recently used. vLLM always computes at least the last prompt token and reuses whole KV blocks only, so
    /// the result is at most <c>prompt − 1</c> rounded down to <paramref name="kvBlockSize"/>.
    /// </summary>
    public int Lookup(ReadOnlySpan<long> hashes, int hashBlockTokens, int promptTokens, int kvBlockSize)
    {
        var matched = 0;
        for (var i = 0; i < hashes.Length && matched < promptTokens; i++)
        {
            if (!_index.TryGetValue(hashes[i], out var node))
            {
                break;
            }

            MoveToFront(node);
            matched += Math.Min(hashBlockTokens, promptTokens - matched);
        }

        var limit = (promptTokens - 1) / kvBlockSize * kvBlockSize;
        return Math.Min(matched, limit) / kvBlockSize * kvBlockSize;
    }

    /// <summary>Records a computed prompt's blocks as the most recently used, evicting the least recently used beyond capacity.</summary>
    public void Insert(ReadOnlySpan<long> hashes, int hashBlockTokens, int promptTokens)
    {
        var covered = 0;
        for (var i = 0; i < hashes.Length && covered < promptTokens; i++)
        {
            var tokens = Math.Min(hashBlockTokens, promptTokens - covered);
            covered += tokens;
            if (_index.TryGetValue(hashes[i], out var node))
            {
                MoveToFront(node);
                continue;
            }

            node = Rent();
            _hash[node] = hashes[i];
            _tokens[node] = tokens;
            _index.Add(hashes[i], node);
            LinkFront(node);
            CachedTokens += tokens;
        }

        while (CachedTokens > _capacityTokens && _tail != None)
        {
            var victim = _tail;
            Unlink(victim);
            _index.Remove(_hash[victim]);
            CachedTokens -= _tokens[victim];
            _next[victim] = _free;
            _free = victim;
        }
    }

    private int Rent()
    {
        if (_free != None)
        {
            var node = _free;
            _free = _next[node];
            return node;
        }

        if (_allocated == _hash.Length)
        {
            var size = _hash.Length * 2;
            Array.Resize(ref _hash, size);
            Array.Resize(ref _tokens, size);
            Array.Resize(ref _prev, size);
            Array.Resize(ref _next, size);
        }

        return _allocated++;
    }

    private void MoveToFront(int node)
    {
        if (node == _head)
        {
            return;
        }

        Unlink(node);
        LinkFront(node);
    }

    private void LinkFront(int node)
    {
        _prev[node] = None;
        _next[node] = _head;
        if (_head != None)
        {
            _prev[_head] = node;
        }

        _head = node;
        if (_tail == None)
        {
            _tail = node;
        }
    }

    private void Unlink(int node)
    {
        var prev = _prev[node];
        var next = _next[node];
        if (prev == None)
        {
            _head = next;
        }
        else
        {
            _next[prev] = next;
        }

        if (next == None)
        {
            _tail = prev;
        }
        else
        {
            _prev[next] = prev;
        }
    }
}
