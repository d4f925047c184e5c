namespace Autoscale.Kubernetes.Watch;

/// <summary>Tuning for a <see cref="Reflector{T}"/>; the defaults follow client-go's reflector.</summary>
public sealed record ReflectorOptions
{
    /// <summary>Name used in logs (default: the object type's name).</summary>
    public string? Name { get; init; }

    /// <summary>List page size (limit/continue); null lists everything in one response.</summary>
    public int? PageSize { get; init; } = 500;

    /// <summary>Base watch timeout; each watch asks for a random value between this and twice this, so many
    /// reflectors do not reconnect in step.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>First retry delay after a failure; doubles per consecutive failure up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(800);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A signal to notify after every applied change (shared by several reflectors); default: a private one.</summary>
    public ChangeSignal? Signal { get; init; }
}
