using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging.Abstractions;

namespace Autoscale.VllmEmulator.Server;

/// <summary>
/// A Kestrel transport with one logical endpoint fed by many pod sockets: each <see cref="PodSocket"/> offers what it
/// accepts, and Kestrel's single accept loop takes the connections from here. Kestrel binds its endpoints only at
/// start, so it cannot add a pod's port later; this transport can, which keeps one Kestrel for the whole fleet.
/// </summary>
internal sealed class PodTransport : IConnectionListenerFactory, IConnectionListenerFactorySelector, IConnectionListener
{
    private readonly Channel<Socket> _accepted = Channel.CreateUnbounded<Socket>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly SocketConnectionContextFactory _contexts = new(new SocketConnectionFactoryOptions(), NullLogger.Instance);
    private int _disposed;

    /// <summary>The endpoint to give Kestrel's <c>Listen</c>: it stands for every pod socket.</summary>
    public EndPoint EndPoint { get; } = new PodsEndPoint();

    public bool CanBind(EndPoint endpoint) => ReferenceEquals(endpoint, EndPoint);

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default) =>
        CanBind(endpoint)
            ? ValueTask.FromResult<IConnectionListener>(this)
            : throw new NotSupportedException($"{nameof(PodTransport)} binds only its own endpoint.");

    public void Offer(Socket connection)
    {
        if (!_accepted.Writer.TryWrite(connection))
        {
            // The server is shutting down.
            connection.Dispose();
        }
    }

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            while (await _accepted.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_accepted.Reader.TryRead(out var socket))
                {
                    return _contexts.Create(socket);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        // Null tells Kestrel the listener is done.
        return null;
    }

    public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        _accepted.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        // Kestrel disposes its listeners when it stops; the server disposes it too in case Kestrel never started.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return ValueTask.CompletedTask;
        }

        _accepted.Writer.TryComplete();
        while (_accepted.Reader.TryRead(out var socket))
        {
            socket.Dispose();
        }

        _contexts.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class PodsEndPoint : EndPoint
    {
        public override string ToString() => "emulated-pods";
    }
}
