using Autoscale.MetricsAdapter.Catalog;
namespace Autoscale.MetricsAdapter.Api;

/// <summary>Writes an ExternalMetricValueList.</summary>
internal sealed class ExternalListResult(IReadOnlyList<ExternalMetricValue> items) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json";
        MetricValueListWriter.WriteExternal(httpContext.Response.BodyWriter, items);
        await httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
