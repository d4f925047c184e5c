using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Prometheus;

namespace Autoscale.ScaleController.Hosting;

/// <summary>/healthz (the process runs), /readyz (caches synced and config valid, with the reason), /metrics.</summary>
internal static class HealthEndpoints
{
    public static void Map(WebApplication app, Func<(bool Ready, string Why)> readiness, CollectorRegistry registry)
    {
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", () =>
        {
            var (ready, why) = readiness();
            return Results.Text(why, statusCode: ready ? 200 : 503);
        });
        app.MapGet("/metrics", async context =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        });
    }
}
