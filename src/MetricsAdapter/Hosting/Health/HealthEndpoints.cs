using System.Text;

namespace Autoscale.MetricsAdapter.Hosting.Health;

/// <summary>
/// <c>/healthz</c>, <c>/livez</c>, <c>/readyz</c> in k8s.io/apiserver's text format ("ok", or per-check lines with
/// <c>?verbose</c>; 500 when a check fails). Always allowed, also to anonymous callers (kubelet probes).
/// </summary>
internal static class HealthEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/healthz", (HttpContext ctx, Readiness r) => Report(ctx, "healthz", r.LiveChecks()));
        app.MapGet("/livez", (HttpContext ctx, Readiness r) => Report(ctx, "livez", r.LiveChecks()));
        app.MapGet("/readyz", (HttpContext ctx, Readiness r) => Report(ctx, "readyz", r.ReadyChecks()));
    }

    private static IResult Report(HttpContext context, string name, IReadOnlyList<(string Name, bool Ok)> checks)
    {
        var ok = checks.All(c => c.Ok);
        var verbose = context.Request.Query.ContainsKey("verbose");
        if (ok && !verbose)
        {
            return Results.Text("ok", "text/plain; charset=utf-8");
        }

        var text = new StringBuilder();
        foreach (var (check, passed) in checks)
        {
            text.Append(passed ? "[+]" : "[-]").Append(check).Append(passed ? " ok" : " failed: reason withheld").Append('\n');
        }

        text.Append(ok ? $"{name} check passed" : $"{name} check failed");
        return Results.Text(text.ToString(), "text/plain; charset=utf-8", statusCode: ok ? 200 : 500);
    }
}
