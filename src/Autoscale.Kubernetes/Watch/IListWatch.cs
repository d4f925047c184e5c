using k8s;
using k8s.Models;

namespace Autoscale.Kubernetes.Watch;

/// <summary>
/// The two calls a <see cref="Reflector{T}"/> makes for one resource, scope and selector: a (paged) list and a
/// watch resumed from a resourceVersion. The seam that keeps the reflector generic and testable.
/// </summary>
public interface IListWatch<T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>One page of the list; <paramref name="continueToken"/> null for the first.</summary>
    Task<ListPage<T>> ListAsync(string? continueToken, int? limit, CancellationToken cancellationToken);

    /// <summary>
    /// Watches from <paramref name="resourceVersion"/> with bookmarks allowed. The sequence ends when the server
    /// closes the stream; a server-sent ERROR (a Status) or an undecodable line arrives as an event with
    /// <see cref="WatchEvent{T}.Error"/> set, so the caller decides what it means.
    /// </summary>
    IAsyncEnumerable<WatchEvent<T>> WatchAsync(string resourceVersion, TimeSpan timeout, CancellationToken cancellationToken);
}
