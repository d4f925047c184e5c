using Autoscale.Kubernetes;

namespace Autoscale.MetricsAdapter.Api;

/// <summary>A Kubernetes Status reply as an <see cref="IResult"/>.</summary>
internal sealed class StatusResult(ApiStatus status) : IResult
{
    public ApiStatus Status { get; } = status;

    public Task ExecuteAsync(HttpContext httpContext) => StatusResponses.WriteAsync(httpContext, Status);
}
