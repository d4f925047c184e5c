using Autoscale.LoadTest.Cli;
using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Config;
using Autoscale.LoadTest.Policies;
using Autoscale.LoadTest.Replicas;
using Autoscale.LoadTest.Report;
using Autoscale.LoadTest.Simulation;
using Autoscale.LoadTest.Traces;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.LoadTest.Tests;

/// <summary>Short synthetic traces and one-call runs, so each test stays well under a second or two.</summary>
internal static class Synthetic
{
    public static readonly ReplicaProfile Profile = ReplicaProfiles.Llama31_8B_A10G;

    /// <summary>Evenly spaced arrivals: (rate req/s, seconds) segments one after another.</summary>
    public static Trace Segments(int input, int output, params (double Rate, double Seconds)[] segments)
    {
        var requests = new List<TraceRequest>();
        var start = 0.0;
        foreach (var (rate, seconds) in segments)
        {
            for (var t = start; t < start + seconds; t += 1 / rate)
            {
                requests.Add(new TraceRequest(requests.Count, t, input, output));
            }

            start += seconds;
        }

        return new Trace("synthetic", requests);
    }

    public static RunResult Run(Trace trace, string policy, int seed = 7, int initialReplicas = 1) =>
        new Simulator(trace, PolicyFactory.Create(policy, SimConfig.Default, Demand(trace)), new SimulationOptions(ClusterOptions.Default, seed, InitialReplicas: initialReplicas),
            Engines).Run();

    public static IReplicaEngine Engines() => new EmulatedReplicaEngine(Profile);

    /// <summary>The default per-request SLO on <see cref="Profile"/>.</summary>
    public static RequestSlo Slo() => new(SloOptions.Default, new IsolatedLatency(Engines));

    /// <summary>What the oracle reference knows of this trace, as the runner computes it.</summary>
    public static OracleDemand Demand(Trace trace)
    {
        var slo = Slo();
        return OracleDemand.From(FeasibleBound.Compute(trace, Engines, slo), WorkBound.Compute(trace, Profile, slo.IsServable));
    }

    public static SimulateOptions Options(int seed) =>
        new("synthetic", "azure", null, CliParser.AllPolicies, 1, 1, Profile.Name, SloOptions.Default, seed, null, null, null, null, 5, false);
}
