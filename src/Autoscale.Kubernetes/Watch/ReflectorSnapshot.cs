using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using k8s;
using k8s.Models;

namespace Autoscale.Kubernetes.Watch;

/// <summary>
/// An immutable view of a reflector's cache, keyed by namespace and name (namespace "" for cluster-scoped objects).
/// The reflector swaps in a new snapshot per change, so readers take <see cref="Reflector{T}.Current"/> once and
/// read a consistent state without locks.
/// </summary>
public sealed class ReflectorSnapshot<T> : IReadOnlyCollection<T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    private readonly ImmutableDictionary<(string Namespace, string Name), T> _items;

    private ReflectorSnapshot(ImmutableDictionary<(string Namespace, string Name), T> items) => _items = items;

    public static ReflectorSnapshot<T> Empty { get; } = new(ImmutableDictionary<(string, string), T>.Empty);

    public int Count => _items.Count;

    public bool TryGet(string? ns, string name, [MaybeNullWhen(false)] out T item) => _items.TryGetValue((ns ?? "", name), out item);

    public T? Get(string? ns, string name) => _items.GetValueOrDefault((ns ?? "", name));

    public IEnumerable<T> InNamespace(string ns)
    {
        foreach (var (key, item) in _items)
        {
            if (key.Namespace == ns)
            {
                yield return item;
            }
        }
    }

    public IEnumerator<T> GetEnumerator() => _items.Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static (string Namespace, string Name)? KeyOf(T? obj) =>
        obj?.Metadata?.Name is { Length: > 0 } name ? (obj.Metadata.NamespaceProperty ?? "", name) : null;

    internal static ReflectorSnapshot<T> From(ImmutableDictionary<(string Namespace, string Name), T> items) => new(items);

    internal ImmutableDictionary<(string Namespace, string Name), T> Items => _items;

    internal ReflectorSnapshot<T> With((string Namespace, string Name) key, T item) => new(_items.SetItem(key, item));

    internal ReflectorSnapshot<T> Without((string Namespace, string Name) key) => new(_items.Remove(key));
}
