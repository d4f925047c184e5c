using Autoscale.Kubernetes;

namespace Autoscale.MetricsAdapter.Api;

/// <summary>An error that becomes a Kubernetes Status reply.</summary>
internal sealed class ApiStatusException(ApiStatus status) : Exception(status.Message)
{
    public ApiStatus Status { get; } = status;
}
