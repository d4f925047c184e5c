using Autoscale.VllmEmulator.Model;

namespace Autoscale.ScaleController.Tests.Decide.Planner;

/// <summary>
/// What a fleet model of the capacity has to reproduce (docs/design/planner-fleet-tpot.md): on long prompts with short
/// answers, a replica's SLO capacity depends on the fleet around it, because the router puts new prompts on idle
/// replicas. Measured 2026-12-07 on the A10G, code-trace lengths, per replica: 0.033 req/s alone, 0.30 in a fleet of
/// 4, 0.54 in a fleet of 16; the per-replica mean model (the planner's today) says 0.79 at any N for the trace's mean
/// lengths (2,048 prompt, 28 output tokens).
/// </summary>
public sealed class EmulatedFleetTests
{
    [Fact]
    public void On_code_trace_lengths_a_replica_serves_more_within_the_slo_the_larger_its_fleet()
    {
        var profile = ReplicaProfiles.Llama31_8B_A10G;
        var draw = EmulatedFleet.CodeTrace();

        var alone = EmulatedFleet.SloCapacity(profile, 1, draw, 0.005, 3);
        var ofFour = EmulatedFleet.SloCapacity(profile, 4, draw, 0.02, 12) / 4;
        var ofSixteen = EmulatedFleet.SloCapacity(profile, 16, draw, 0.08, 48) / 16;

        Assert.True(ofFour > 3 * alone, $"alone {alone:0.###}, in 4 {ofFour:0.###} req/s per replica");
        Assert.True(ofSixteen > 1.3 * ofFour, $"in 4 {ofFour:0.###}, in 16 {ofSixteen:0.###} req/s per replica");
    }
}
