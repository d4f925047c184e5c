using System.Collections.Concurrent;
using Autoscale.Testing.KubeApi.Aggregation;
using Autoscale.Testing.KubeApi.Catalog;
using Autoscale.Testing.KubeApi.Store;
using k8s.Models;

namespace Autoscale.Testing.KubeApi.Http;

/// <summary>Everything the handlers share: the store, what tests registered, and what the server recorded.</summary>
internal sealed class ServerState(KubeApiTestServerOptions options)
{
    private readonly Lock _faultGate = new();
    private readonly List<(int Remaining, InjectedFault Fault, Func<RecordedRequest, bool> Match)> _queuedFaults = [];
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public KubeApiTestServerOptions Options { get; } = options;

    public TimeProvider Time { get; } = options.TimeProvider;

    public ResourceCatalog Catalog { get; } = new();

    public ObjectStore Store { get; } = new(options.TimeProvider, options.EventHistoryLimit);

    public ConcurrentDictionary<string, KubeUser> Tokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Services the aggregator can reach, by namespace and name.</summary>
    public ConcurrentDictionary<(string Namespace, string Name), ServiceRoute> ServiceRoutes { get; } = new();

    public BackendClients Backends { get; } = new(options.ProxyClientCertificate);

    public Func<V1SubjectAccessReviewSpec, bool?> AuthorizationPolicy { get; set; } = options.AuthorizationPolicy ?? (_ => false);

    public Func<RecordedRequest, InjectedFault?>? FaultRule { get; set; }

    public string ServerAddress { get; set; } = "";

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public void Record(RecordedRequest request) => _requests.Enqueue(request);

    public void ClearRequests() => _requests.Clear();

    public void QueueFault(int count, InjectedFault fault, Func<RecordedRequest, bool> match)
    {
        lock (_faultGate)
        {
            _queuedFaults.Add((count, fault, match));
        }
    }

    /// <summary>The fault to answer this request with: queued ones first (each used up once), then the rule.</summary>
    public InjectedFault? TakeFault(RecordedRequest request)
    {
        lock (_faultGate)
        {
            for (var i = 0; i < _queuedFaults.Count; i++)
            {
                var (remaining, fault, match) = _queuedFaults[i];
                if (match(request))
                {
                    if (remaining <= 1)
                    {
                        _queuedFaults.RemoveAt(i);
                    }
                    else
                    {
                        _queuedFaults[i] = (remaining - 1, fault, match);
                    }

                    return fault;
                }
            }
        }

        return FaultRule?.Invoke(request);
    }
}
