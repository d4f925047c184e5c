using Autoscale.Kubernetes.Watch;
using k8s;
using k8s.Models;

namespace Autoscale.Kubernetes.Tests.Watch;

/// <summary>Records the changes a reflector delivers, as "Type ns/name" lines, in order.</summary>
internal sealed class ChangeRecorder<T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock gate = new();
    private readonly List<string> seen = [];

    public ChangeRecorder(Reflector<T> reflector) => reflector.AddHandler(Record);

    public IReadOnlyList<string> Seen
    {
        get
        {
            lock (gate)
            {
                return [.. seen];
            }
        }
    }

    private ValueTask Record(ReflectorChange<T> change, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            seen.Add($"{change.Type} {change.Object.Metadata.NamespaceProperty}/{change.Object.Metadata.Name}");
        }

        return ValueTask.CompletedTask;
    }
}
