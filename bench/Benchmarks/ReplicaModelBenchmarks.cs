using Autoscale.VllmEmulator.Model;
using BenchmarkDotNet.Attributes;

namespace Autoscale.Benchmarks;

/// <summary>
/// The load-test simulator's hot path: one replica's engine steps. Each iteration builds a model, warms it with the
/// first 10 virtual minutes (its arrays reach their working size), then measures the remaining 50 minutes, so the
/// allocated column is the steady state's (goal: 0 B). Cases: an H100 8B replica at ~12.5 req/s of 50–1,450 in /
/// 50–400 out (busy, unsaturated), the same with every prompt sharing prefix blocks (the prefix cache's lookups and
/// inserts), and a saturated A10G replica (50,000 requests queued at t = 0: a queue that never empties).
/// </summary>
[MemoryDiagnoser]
public class ReplicaModelBenchmarks
{
    private const double WarmSeconds = 600;
    private const double EndSeconds = 3600;

    private RequestArrival[] _arrivals = [];
    private ReplicaModel _model = null!;
    private int _next;

    [Params("h100-busy", "h100-prefix", "a10g-saturated")]
    public string Case { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var arrivals = new List<RequestArrival>();
        var t = 0.0;
        var saturated = Case == "a10g-saturated";
        var gap = 0.08;
        var shared = new long[] { 1, 2 };
        while (saturated ? arrivals.Count < 50_000 : t < EndSeconds)
        {
            t = saturated ? 0 : t + (random.NextDouble() * 2 * gap);
            var prompt = 50 + random.Next(1400);
            var request = new RequestArrival(arrivals.Count, t, prompt, 50 + random.Next(350));
            if (Case == "h100-prefix")
            {
                // Two shared 512-token system-prompt blocks, then the request's own.
                var own = arrivals.Count * 8L;
                request = request with { PrefixHashes = (long[])[.. shared, own + 1, own + 2], PrefixBlockTokens = 512 };
            }

            arrivals.Add(request);
        }

        _arrivals = [.. arrivals];
    }

    [IterationSetup]
    public void Warm()
    {
        var profile = Case == "a10g-saturated" ? ReplicaProfiles.Llama31_8B_A10G : ReplicaProfiles.Llama31_8B_H100;
        _model = new ReplicaModel(profile);
        _next = 0;
        Run(WarmSeconds);
    }

    [Benchmark]
    public long FiftyVirtualMinutes()
    {
        var steps = _model.Steps;
        Run(EndSeconds);
        return _model.Steps - steps;
    }

    private void Run(double until)
    {
        while (_next < _arrivals.Length && _arrivals[_next].ArrivalSeconds < until)
        {
            _model.Submit(_arrivals[_next]);
            _model.AdvanceTo(_arrivals[_next].ArrivalSeconds);
            _next++;
        }

        _model.AdvanceTo(until);
    }
}
