using Autoscale.ScaleController.Config;
using Autoscale.Testing;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.LoadTest.Controller;

/// <summary>
/// The planner's seed for the simulated GPU (<see cref="EmulatorSeed"/>: the replica model's own step costs and
/// limits, as an SRE's <c>vllm bench serve</c> fit would give them). The simulator seeds every
/// run from <c>--profile</c> (a config names one GPU; the rows run several), so the seed is exact and the online
/// corrections have nothing to correct there, unless <paramref name="error"/> puts the seed off on purpose
/// (<c>--seed-prefill-scale</c>, <c>--seed-decode-scale</c>: what a seed copied from other hardware or another vLLM
/// version would do, and what the corrections win back).
/// </summary>
internal static class PlannerSeed
{
    /// <summary>The config with the simulated workload's planner (when on) seeded from <paramref name="profile"/>.</summary>
    public static ControllerConfig Apply(ControllerConfig config, ReplicaProfile profile, SeedError? error = null)
    {
        var workload = config.Workloads[0];
        if (!workload.Policy.Planner.Enabled)
        {
            return config;
        }

        var planner = workload.Policy.Planner with { Profile = (error ?? SeedError.None).Apply(EmulatorSeed.From(profile)) };
        var seeded = workload with { Policy = workload.Policy with { Planner = planner } };
        return config with { Workloads = [seeded, .. config.Workloads.Skip(1)] };
    }
}
