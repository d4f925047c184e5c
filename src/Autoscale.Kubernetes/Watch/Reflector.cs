using System.Collections.Immutable;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Autoscale.Kubernetes.Watch;

/// <summary>
/// A small informer (client-go's reflector + store): lists, then watches from the list's resourceVersion with
/// bookmarks, applies events to an immutable <see cref="Current"/> snapshot, resumes a dropped watch from the last
/// resourceVersion seen, relists on 410 (reporting what vanished meanwhile as Deleted), and backs off with jitter on
/// errors. Handlers run in event order on the reflector's loop, after <see cref="Current"/> shows the change.
/// </summary>
public sealed partial class Reflector<T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    private readonly IListWatch<T> _source;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ReflectorOptions _options;
    private readonly string _name;
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ImmutableArray<Func<ReflectorChange<T>, CancellationToken, ValueTask>> _handlers = [];
    private ReflectorSnapshot<T> _current = ReflectorSnapshot<T>.Empty;
    private string? _resourceVersion;

    public Reflector(IListWatch<T> source, TimeProvider time, ILogger logger, ReflectorOptions? options = null)
    {
        _source = source;
        _time = time;
        _logger = logger;
        _options = options ?? new ReflectorOptions();
        _name = _options.Name ?? typeof(T).Name;
        Changed = _options.Signal ?? new ChangeSignal();
    }

    /// <summary>The cache as of the last applied change; take it once per read for a consistent view.</summary>
    public ReflectorSnapshot<T> Current => Volatile.Read(ref _current);

    /// <summary>The last resourceVersion seen (list, event or bookmark); null before the first list.</summary>
    public string? ResourceVersion => Volatile.Read(ref _resourceVersion);

    /// <summary>True once the first list has been applied; stays true through relists.</summary>
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>Notified after every applied change (coalescing): wake up and re-read <see cref="Current"/>.</summary>
    public ChangeSignal Changed { get; }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    /// <summary>Adds a handler; handlers run in the order added, for every change, awaited one by one.
    /// Add them before <see cref="RunAsync"/> to see the initial list as Added changes.</summary>
    public void AddHandler(Func<ReflectorChange<T>, CancellationToken, ValueTask> handler) =>
        ImmutableInterlocked.Update(ref _handlers, h => h.Add(handler));

    /// <summary>Runs until cancelled; never throws for API or handler failures (they are logged and retried).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new Backoff(_options.InitialBackoff, _options.MaxBackoff);
        var relist = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan delay;
            var operation = relist ? "list" : "watch";
            try
            {
                if (relist)
                {
                    await ListAsync(cancellationToken).ConfigureAwait(false);
                    relist = false;
                    backoff.Reset();
                    operation = "watch";
                }

                var (expired, events) = await WatchAsync(cancellationToken).ConfigureAwait(false);
                if (expired)
                {
                    ReflectorLog.Expired(_logger, _name, ResourceVersion);
                    relist = true;
                    continue;
                }

                ReflectorLog.WatchEnded(_logger, _name, ResourceVersion, events);
                if (events > 0)
                {
                    backoff.Reset();
                    continue;
                }

                // A stream closed before any event: reconnect, but not in a hot loop.
                delay = backoff.Next(null);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (ApiErrors.IsExpired(error))
            {
                ReflectorLog.Expired(_logger, _name, ResourceVersion);
                relist = true;
                continue;
            }
            catch (Exception error)
            {
                delay = backoff.Next(ApiErrors.RetryAfter(error));
                ReflectorLog.Failed(_logger, _name, operation, ApiErrors.Describe(error), delay, error);
            }

            try
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
