using Autoscale.VllmEmulator.Exposition;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.VllmEmulator.Server;

/// <summary>One emulated pod: its identity, replica profile and start-up behaviour.</summary>
public sealed record PodOptions
{
    public required string Name { get; init; }

    public string Namespace { get; init; } = "default";

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public required ReplicaProfile Profile { get; init; }

    /// <summary>Model name in the <c>model_name</c> label; the profile's when null.</summary>
    public string? ServedModelName { get; init; }

    /// <summary>Time from start to listening (model load + engine init), waited on the pod's TimeProvider.</summary>
    public TimeSpan LoadDelay { get; init; } = TimeSpan.Zero;

    public VllmDialect Dialect { get; init; } = VllmDialect.V1;

    /// <summary>Called for each finished request, under the pod's lock; keep it short.</summary>
    public Action<RequestOutcome>? OnFinished { get; init; }
}
