using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
using k8s;

namespace Autoscale.Kubernetes.Watch;

/// <summary>The list and watch steps: how the cache follows the server.</summary>
public sealed partial class Reflector<T>
{
    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var builder = ImmutableDictionary.CreateBuilder<(string Namespace, string Name), T>();
        string? listVersion = null;
        string? next = null;
        do
        {
            var page = await _source.ListAsync(next, _options.PageSize, cancellationToken).ConfigureAwait(false);

            // Pages of one list share a snapshot on a real server; the first page's version is never newer than
            // the data, so watching from it cannot miss an event.
            listVersion ??= page.ResourceVersion;
            foreach (var item in page.Items)
            {
                if (ReflectorSnapshot<T>.KeyOf(item) is { } key)
                {
                    builder[key] = item;
                }
            }

            next = page.Continue;
        }
        while (next is not null);

        var old = Current.Items;
        var fresh = builder.ToImmutable();
        var changes = Delta(old, fresh);
        Volatile.Write(ref _current, ReflectorSnapshot<T>.From(fresh));
        Volatile.Write(ref _resourceVersion, listVersion);
        ReflectorLog.Listed(_logger, _name, fresh.Count, listVersion, changes.Count(c => c.Type == ReflectorChangeType.Added),
            changes.Count(c => c.Type == ReflectorChangeType.Modified), changes.Count(c => c.Type == ReflectorChangeType.Deleted));
        _synced.TrySetResult();
        await NotifyAsync(changes, cancellationToken).ConfigureAwait(false);
        Changed.Notify();
    }

    /// <returns>Whether the watch ended with 410 (relist), and how many events it delivered.</returns>
    private async Task<(bool Expired, int Events)> WatchAsync(CancellationToken cancellationToken)
    {
        var timeout = _options.WatchTimeout * (1 + JitterFraction());
        var events = 0;
        await foreach (var e in _source.WatchAsync(ResourceVersion ?? "", timeout, cancellationToken).ConfigureAwait(false))
        {
            events++;
            switch (e.Type)
            {
                case WatchEventType.Error when ApiErrors.IsExpired(e.Error):
                    return (true, events);
                case WatchEventType.Error when e.Error is KubernetesException error:
                    ExceptionDispatchInfo.Throw(error);
                    break;
                case WatchEventType.Error:
                    ReflectorLog.BadEvent(_logger, _name, e.Error?.Message ?? "unknown error");
                    break;
                case WatchEventType.Bookmark:
                    AdvanceTo(e.Object);
                    break;
                default:
                    await ApplyAsync(e.Type, e.Object, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        return (false, events);
    }

    private async ValueTask ApplyAsync(WatchEventType type, T? obj, CancellationToken cancellationToken)
    {
        if (obj is null || ReflectorSnapshot<T>.KeyOf(obj) is not { } key)
        {
            ReflectorLog.BadEvent(_logger, _name, $"{type} without metadata.name");
            AdvanceTo(obj);
            return;
        }

        var snapshot = Current;
        snapshot.TryGet(key.Namespace, key.Name, out var old);
        var change = type == WatchEventType.Deleted
            ? new ReflectorChange<T>(ReflectorChangeType.Deleted, obj, old)
            : new ReflectorChange<T>(old is null ? ReflectorChangeType.Added : ReflectorChangeType.Modified, obj, old);
        Volatile.Write(ref _current, type == WatchEventType.Deleted ? snapshot.Without(key) : snapshot.With(key, obj));
        AdvanceTo(obj);
        await NotifyAsync([change], cancellationToken).ConfigureAwait(false);
        Changed.Notify();
    }

    private void AdvanceTo(T? obj)
    {
        if (obj?.Metadata?.ResourceVersion is { Length: > 0 } version)
        {
            Volatile.Write(ref _resourceVersion, version);
        }
    }

#pragma warning disable CA5394 // Jitter, not security.
    private static double JitterFraction() => Random.Shared.NextDouble();
#pragma warning restore CA5394
}
