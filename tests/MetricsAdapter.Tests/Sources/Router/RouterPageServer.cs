using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Autoscale.MetricsAdapter.Tests.Sources.Router;

/// <summary>An emulated router on 127.0.0.1: serves <see cref="Page"/> at /metrics (or <see cref="Status"/> when it is not 200).</summary>
internal sealed class RouterPageServer : IAsyncDisposable
{
    private WebApplication? _app;
    private int _requests;

    public string Page { get; set; } = "";

    public int Status { get; set; } = 200;

    /// <summary>When set, a request without <c>Authorization: Bearer</c> and this token gets 401, as an EPP's /metrics does.</summary>
    public string? RequiredToken { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    public Uri Url { get; private set; } = null!;

    /// <summary>A fixture page of Sources/Router/Pages.</summary>
    public static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Sources", "Router", "Pages", name + ".prom"));

    public static async Task<RouterPageServer> StartAsync(string page)
    {
        var server = new RouterPageServer { Page = page };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        server._app = builder.Build();
        server._app.MapGet("/metrics", server.ServeAsync);
        await server._app.StartAsync();
        server.Url = new Uri(server._app.Urls.Single() + "/metrics");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task ServeAsync(HttpContext http)
    {
        Interlocked.Increment(ref _requests);
        if (RequiredToken is { } token && http.Request.Headers.Authorization.ToString() != "Bearer " + token)
        {
            http.Response.StatusCode = 401;
            return;
        }

        http.Response.StatusCode = Status;
        http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(Page), http.RequestAborted);
    }
}
