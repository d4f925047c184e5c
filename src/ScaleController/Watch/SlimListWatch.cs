using System.Runtime.CompilerServices;
using Autoscale.Kubernetes.Watch;
using k8s;
using k8s.Models;

namespace Autoscale.ScaleController.Watch;

/// <summary>
/// A list/watch whose objects are slimmed before the reflector caches them (client-go's transform): the cache holds
/// what decisions read, not whole objects. Used for nodes, which are listed cluster-wide.
/// </summary>
internal sealed class SlimListWatch<T>(IListWatch<T> inner, Func<T, T> slim) : IListWatch<T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    public async Task<ListPage<T>> ListAsync(string? continueToken, int? limit, CancellationToken cancellationToken)
    {
        var page = await inner.ListAsync(continueToken, limit, cancellationToken).ConfigureAwait(false);
        return page with { Items = [.. page.Items.Select(slim)] };
    }

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(string resourceVersion, TimeSpan timeout, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in inner.WatchAsync(resourceVersion, timeout, cancellationToken).ConfigureAwait(false))
        {
            yield return e.Object is { } obj ? e with { Object = slim(obj) } : e;
        }
    }
}
