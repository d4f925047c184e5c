using Autoscale.Kubernetes.Watch;
using k8s;
using k8s.Models;

namespace Autoscale.Kubernetes.Tests.Watch;

/// <summary>Records the changes a reflector delivers, as "Type ns/name" lines, in order.</summary>
internal sealed class ChangeRecorder<T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _gate = new();
    private readonly List<string> _seen = [];

    public ChangeRecorder(Reflector<T> reflector) => reflector.AddHandler(Record);

    public IReadOnlyList<string> Seen
    {
        get
        {
            lock (_gate)
            {
                return [.. _seen];
            }
        }
    }

    private ValueTask Record(ReflectorChange<T> change, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _seen.Add($"{change.Type} {change.Object.Metadata.NamespaceProperty}/{change.Object.Metadata.Name}");
        }

        return ValueTask.CompletedTask;
    }
}
