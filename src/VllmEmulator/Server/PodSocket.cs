using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Autoscale.VllmEmulator.Server;

/// <summary>
/// A pod's own loopback address: a TCP socket bound to 127.0.0.1:0 when the pod is created, listening only from
/// <see cref="Listen"/>. Bound but not listening, the kernel answers a connect with a reset (connection refused),
/// as a pod IP does before vLLM's HTTP server is up; and the OS-picked port stays ours, so there is no
/// reserve-then-bind race. Also tracks the HTTP connections it accepted, to cut them when the pod stops.
/// </summary>
internal sealed class PodSocket : IDisposable
{
    private const int Backlog = 512;

    private readonly Lock _gate = new();
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly HashSet<ConnectionContext> _connections = [];
    private bool _closed;

    public PodSocket()
    {
        try
        {
            _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
    }

    public int Port { get; }

    /// <summary>Starts listening and hands every accepted socket to <paramref name="accepted"/> until disposed.</summary>
    public void Listen(Action<Socket> accepted)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            _socket.Listen(Backlog);
        }

        _ = AcceptLoopAsync(accepted);
    }

    /// <summary>Registers a connection to abort on <see cref="Dispose"/>; false if the socket is already closed.</summary>
    public bool TryTrack(ConnectionContext connection)
    {
        lock (_gate)
        {
            return !_closed && _connections.Add(connection);
        }
    }

    public void Untrack(ConnectionContext connection)
    {
        lock (_gate)
        {
            _connections.Remove(connection);
        }
    }

    /// <summary>Stops listening (new connects are refused) and aborts open connections, as on pod deletion.</summary>
    public void Dispose()
    {
        ConnectionContext[] open;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            open = [.. _connections];
            _connections.Clear();
        }

        _socket.Dispose();
        foreach (var connection in open)
        {
            connection.Abort(new ConnectionAbortedException("The emulated pod stopped."));
        }
    }

    private async Task AcceptLoopAsync(Action<Socket> accepted)
    {
        while (true)
        {
            Socket connection;
            try
            {
                connection = await _socket.AcceptAsync().ConfigureAwait(false);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
            {
                // The client gave up before we accepted: not our problem, keep listening.
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Disposed: the pod stopped.
                return;
            }

            // Kestrel's own socket transport sets this too: small responses must not wait for delayed ACKs.
            connection.NoDelay = true;
            accepted(connection);
        }
    }
}
