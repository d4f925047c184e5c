using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;

namespace Autoscale.Kubernetes.Watch;

/// <summary>
/// An <see cref="IListWatch{T}"/> made of two client calls, usually built by the <see cref="ListWatch"/> factories.
/// The watch call gets an error callback: KubernetesClient reports a server ERROR event (a Status) and undecodable
/// lines there instead of yielding them, so they are queued and turned into <see cref="WatchEventType.Error"/> events.
/// </summary>
public sealed class ListWatch<T> : IListWatch<T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    private readonly Func<string?, int?, CancellationToken, Task<ListPage<T>>> _list;
    private readonly Func<string, int, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> _watch;

    /// <param name="list">(continue, limit, token) → one page.</param>
    /// <param name="watch">(resourceVersion, timeoutSeconds, onError, token) → the client's event stream.</param>
    public ListWatch(
        Func<string?, int?, CancellationToken, Task<ListPage<T>>> list,
        Func<string, int, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> watch)
    {
        _list = list;
        _watch = watch;
    }

    public Task<ListPage<T>> ListAsync(string? continueToken, int? limit, CancellationToken cancellationToken) =>
        _list(continueToken, limit, cancellationToken);

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(
        string resourceVersion, TimeSpan timeout, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The callback runs inside MoveNextAsync, on the enumerating thread, so a plain queue is enough.
        var errors = new Queue<Exception>();
        var seconds = (int)Math.Clamp(timeout.TotalSeconds, 1, int.MaxValue);
        await foreach (var (type, obj) in _watch(resourceVersion, seconds, errors.Enqueue, cancellationToken))
        {
            while (errors.TryDequeue(out var error))
            {
                yield return new WatchEvent<T>(WatchEventType.Error, default, error);
            }

            yield return new WatchEvent<T>(type, obj);
        }

        while (errors.TryDequeue(out var error))
        {
            yield return new WatchEvent<T>(WatchEventType.Error, default, error);
        }
    }
}
