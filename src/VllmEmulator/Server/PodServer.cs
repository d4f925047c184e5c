using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Autoscale.VllmEmulator.Server;

/// <summary>
/// One Kestrel for many emulated pods, each still on its own 127.0.0.1 port (the adapter finds pods by IP:port and
/// scrapes each apart). A request reaches its pod by the connection's local port.
/// Why this shape: a Kestrel per pod costs about a thread per pod (1,000 pods: ~1,000 threads), and Kestrel cannot add
/// an endpoint once started, while pods become ready one by one. So each pod binds its own socket at creation
/// (port 0, no race; refusing connections while not listening, which is how a loading vLLM behaves), starts listening
/// when ready, and hands what it accepts to one shared <see cref="PodTransport"/>: one Kestrel, async accepts on the
/// runtime's socket engine, no thread per pod. Stopping a pod closes its socket and aborts its connections.
/// </summary>
internal sealed class PodServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<int, (EmulatedVllmPod Pod, PodSocket Socket)> _pods = new();
    private readonly PodTransport _transport = new();
    private readonly SemaphoreSlim _startGate = new(1, 1);
    private WebApplication? _app;
    private bool _disposed;

    /// <summary>Starts the shared Kestrel if it is not running yet.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _app) is not null)
        {
            return;
        }

        await _startGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_app is null)
            {
                var app = Build();
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _app, app);
            }
        }
        finally
        {
            _startGate.Release();
        }
    }

    /// <summary>Serves <paramref name="pod"/> on <paramref name="socket"/> from now on (the socket starts listening).</summary>
    public void Add(EmulatedVllmPod pod, PodSocket socket)
    {
        if (!_pods.TryAdd(socket.Port, (pod, socket)))
        {
            throw new InvalidOperationException($"Port {socket.Port} is already served.");
        }

        socket.Listen(_transport.Offer);
    }

    /// <summary>Forgets the pod; call before disposing its socket, which holds the port until then.</summary>
    public void Remove(PodSocket socket) => _pods.TryRemove(socket.Port, out _);

    public async ValueTask DisposeAsync()
    {
        await _startGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var (_, socket) in _pods.Values)
            {
                socket.Dispose();
            }

            _pods.Clear();
            if (_app is { } app)
            {
                await app.StopAsync().ConfigureAwait(false);
                await app.DisposeAsync().ConfigureAwait(false);
            }

            await _transport.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _startGate.Release();
        }
    }

    private WebApplication Build()
    {
        // The empty builder has no logging, configuration sources or routing.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(_transport.EndPoint, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.Use(next => connection => ServeConnectionAsync(next, connection));
            });
        });
        // Registered after Kestrel's socket transport, so it is asked first; it binds only its own endpoint.
        builder.Services.AddSingleton<IConnectionListenerFactory>(_transport);
        var app = builder.Build();
        app.Run(context => _pods.TryGetValue(context.Connection.LocalPort, out var served)
            ? PodEndpoints.HandleAsync(served.Pod, context)
            : Refuse(context));
        return app;
    }

    private async Task ServeConnectionAsync(ConnectionDelegate next, ConnectionContext connection)
    {
        // Tracked so that stopping the pod cuts its keep-alive connections, as deleting a pod would.
        if (connection.LocalEndPoint is not IPEndPoint local
            || !_pods.TryGetValue(local.Port, out var served)
            || !served.Socket.TryTrack(connection))
        {
            connection.Abort(new ConnectionAbortedException("The emulated pod stopped."));
            return;
        }

        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            served.Socket.Untrack(connection);
        }
    }

    private static Task Refuse(HttpContext context)
    {
        // The pod stopped while this connection was open.
        context.Abort();
        return Task.CompletedTask;
    }
}
