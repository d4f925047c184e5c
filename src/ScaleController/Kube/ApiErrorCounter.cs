using Autoscale.ScaleController.Telemetry;

namespace Autoscale.ScaleController.Kube;

/// <summary>Counts every error answer (inside the retry handler, so each retried attempt counts once).</summary>
internal sealed class ApiErrorCounter(ControllerMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode >= 400)
            {
                metrics.ApiErrors.WithLabels(ControllerMetrics.StatusClass((int)response.StatusCode)).Inc();
            }

            return response;
        }
        catch (HttpRequestException)
        {
            metrics.ApiErrors.WithLabels("transport").Inc();
            throw;
        }
    }
}
