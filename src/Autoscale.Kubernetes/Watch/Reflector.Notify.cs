using System.Collections.Immutable;

namespace Autoscale.Kubernetes.Watch;

/// <summary>Change computation and delivery.</summary>
public sealed partial class Reflector<T>
{
    /// <summary>What a relist changed: new and changed objects, and Deleted for those that vanished in a watch gap.</summary>
    private static List<ReflectorChange<T>> Delta(
        ImmutableDictionary<(string Namespace, string Name), T> old, ImmutableDictionary<(string Namespace, string Name), T> fresh)
    {
        var changes = new List<ReflectorChange<T>>();
        foreach (var (key, item) in fresh)
        {
            if (!old.TryGetValue(key, out var before))
            {
                changes.Add(new ReflectorChange<T>(ReflectorChangeType.Added, item, default));
            }
            else if (before.Metadata?.ResourceVersion != item.Metadata?.ResourceVersion)
            {
                changes.Add(new ReflectorChange<T>(ReflectorChangeType.Modified, item, before));
            }
        }

        foreach (var (key, before) in old)
        {
            if (!fresh.ContainsKey(key))
            {
                changes.Add(new ReflectorChange<T>(ReflectorChangeType.Deleted, before, before));
            }
        }

        return changes;
    }

    /// <summary>Runs every handler for every change, in order; a failing handler is logged and the loop goes on.</summary>
    private async ValueTask NotifyAsync(IReadOnlyList<ReflectorChange<T>> changes, CancellationToken cancellationToken)
    {
        var list = _handlers;
        if (list.IsEmpty)
        {
            return;
        }

        foreach (var change in changes)
        {
            foreach (var handler in list)
            {
                try
                {
                    await handler(change, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    ReflectorLog.HandlerFailed(_logger, _name, change.Object.Metadata?.NamespaceProperty ?? "", change.Object.Metadata?.Name ?? "", error);
                }
            }
        }
    }
}
