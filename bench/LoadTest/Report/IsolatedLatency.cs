using Autoscale.LoadTest.Replicas;
using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Report;

/// <summary>
/// What a request gets alone on a fresh, idle replica of the profile, measured by running it on a new engine from
/// the same factory the simulation uses, so it follows whatever replica model is in place. Memoised: TTFT by
/// prompt length, servability by total length.
/// </summary>
internal sealed class IsolatedLatency(Func<IReplicaEngine> engineFactory)
{
    /// <summary>The request shape whose decode speed defines the profile's idle inter-token latency.</summary>
    public const int ItlPromptTokens = 1000;

    public const int ItlOutputTokens = 101;

    private readonly Dictionary<int, double> _ttft = [];
    private readonly Dictionary<long, bool> _servable = [];
    private double? _idleItl;

    /// <summary>Mean time per output token after the first, alone on an idle replica (1,000-token prompt, 100 decode steps).</summary>
    public double IdleItlSeconds => _idleItl ??= MeasureItl();

    /// <summary>False when the server refuses the request (longer than max_model_len): a deployment error, not a miss.</summary>
    public bool IsServable(TraceRequest request)
    {
        var length = (long)Math.Max(1, request.InputTokens) + request.OutputTokens;
        if (!_servable.TryGetValue(length, out var servable))
        {
            servable = engineFactory().Submit(request with { Id = 0, ArrivalSeconds = 0 }, 0);
            _servable[length] = servable;
        }

        return servable;
    }

    /// <summary>TTFT of a prompt of this length alone on an idle replica (one output token: TTFT does not depend on the rest).</summary>
    public double TtftSeconds(int promptTokens)
    {
        promptTokens = Math.Max(1, promptTokens);
        if (!_ttft.TryGetValue(promptTokens, out var ttft))
        {
            ttft = RunAlone(promptTokens, 1).TtftSeconds;
            _ttft[promptTokens] = ttft;
        }

        return ttft;
    }

    private double MeasureItl()
    {
        var done = RunAlone(ItlPromptTokens, ItlOutputTokens);
        return (done.FinishedAtSeconds - done.FirstTokenAtSeconds) / (ItlOutputTokens - 1);
    }

    private FinishedRequest RunAlone(int promptTokens, int outputTokens)
    {
        var engine = engineFactory();
        if (!engine.Submit(new TraceRequest(0, 0, promptTokens, outputTokens), 0))
        {
            throw new InvalidOperationException($"the replica refuses a {promptTokens}+{outputTokens}-token request; measure only servable ones");
        }

        var finished = new List<FinishedRequest>(1);
        for (var t = 1.0; finished.Count == 0; t *= 2)
        {
            engine.AdvanceTo(t);
            engine.TakeFinished(finished);
        }

        return finished[0];
    }
}
