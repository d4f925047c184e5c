using System.Threading.Channels;
using Autoscale.Testing.KubeApi.Catalog;

namespace Autoscale.Testing.KubeApi.Store;

/// <summary>An open watch: the store writes matching events (and bookmarks) in order; the HTTP handler reads them.</summary>
internal sealed class WatchSubscription(ResourceType type, string? ns)
{
    private readonly Channel<StoredEvent> _channel = Channel.CreateUnbounded<StoredEvent>(new UnboundedChannelOptions { SingleReader = true });

    public ResourceType Type { get; } = type;

    public ChannelReader<StoredEvent> Events => _channel.Reader;

    public bool Wants(StoredEvent e) =>
        e.ResourceType.GroupResource == Type.GroupResource && (ns is null || ObjectMeta.Namespace(e.Object) == ns);

    public void Write(StoredEvent e) => _channel.Writer.TryWrite(e);

    /// <summary>Ends the stream after the events already queued, as a server-side timeout or restart would.</summary>
    public void Close() => _channel.Writer.TryComplete();
}
