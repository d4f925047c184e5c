namespace Autoscale.Kubernetes;

/// <summary>An error that becomes a Kubernetes Status reply.</summary>
public sealed class ApiStatusException(ApiStatus status) : Exception(status.Message)
{
    public ApiStatus Status { get; } = status;
}
