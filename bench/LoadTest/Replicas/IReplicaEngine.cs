using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Replicas;

/// <summary>
/// The seam between the cluster and one vLLM server: what the router submits and what /metrics exposes.
/// Time is virtual seconds; the caller always advances the engine to "now" before submitting.
/// </summary>
internal interface IReplicaEngine
{
    /// <summary>vllm:num_requests_waiting.</summary>
    int Waiting { get; }

    /// <summary>vllm:num_requests_running.</summary>
    int Running { get; }

    /// <summary>vllm:kv_cache_usage_perc as a fraction.</summary>
    double KvUsage { get; }

    /// <summary>Fraction of the last interval the engine loop was busy: drives the CPU proxy metric.</summary>
    double BusyFraction { get; }

    /// <summary>Output tokens generated per second over the same interval: drives the API server's share of the CPU proxy.</summary>
    double OutputTokensPerSecond { get; }

    /// <summary>The counters and histogram sums its /metrics page exposes now (the adapter's rates are their deltas).</summary>
    ReplicaCounters Counters { get; }

    /// <summary>False when the server refuses the request (vLLM answers 400 above max_model_len).</summary>
    bool Submit(TraceRequest request, double now);

    void AdvanceTo(double seconds);

    /// <summary>Moves finished requests into <paramref name="sink"/>.</summary>
    void TakeFinished(List<FinishedRequest> sink);

    /// <summary>
    /// An independent copy of the server's whole state, for what-if runs from this instant (the SLO-feasible bound
    /// tries several fleet sizes for each minute from the same carried state).
    /// </summary>
    IReplicaEngine Clone();

    /// <summary>Kills the server: returns the ids of every request it had not finished.</summary>
    IReadOnlyList<int> Abort();
}
