using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Telemetry;
using Autoscale.MetricsAdapter.Catalog;

namespace Autoscale.MetricsAdapter.Api;

/// <summary>Writes a MetricValueList straight into the response pipe, then returns its pooled buffer.</summary>
internal sealed class MetricListResult(ApiVersion version, MetricValueList list, MetaLabelSelector? metricSelector, AdapterMetrics metrics, DateTimeOffset now) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using (list)
        {
            foreach (ref readonly var item in list.Items)
            {
                metrics.ServedSampleAge.Observe(Math.Max(0, (now - item.Timestamp).TotalSeconds));
            }

            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            httpContext.Response.ContentType = "application/json";
            MetricValueListWriter.Write(httpContext.Response.BodyWriter, version, list, metricSelector);
        }

        await httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
