using System.Threading.Channels;

namespace Autoscale.Kubernetes.Watch;

/// <summary>
/// A coalescing "something changed, re-read the caches" signal for one consumer loop. Any number of
/// <see cref="Notify"/> calls between two waits wake the waiter once, so a burst of events costs one recompute.
/// Several reflectors may share one signal (see <see cref="ReflectorOptions.Signal"/>).
/// </summary>
public sealed class ChangeSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = false, SingleWriter = false });

    public void Notify() => _channel.Writer.TryWrite(true);

    /// <summary>Completes when a change was signalled since the last wait (at once if one is pending).</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken) =>
        await _channel.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
}
