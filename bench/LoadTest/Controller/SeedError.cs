using Autoscale.ScaleController.Decide.Planner;

namespace Autoscale.LoadTest.Controller;

/// <summary>Factors on the planner seed's prefill and decode step costs (below 1: the seed thinks the GPU faster than it is).</summary>
internal sealed record SeedError(double Prefill, double Decode)
{
    public static SeedError None { get; } = new(1, 1);

    public ReplicaServiceProfile Apply(ReplicaServiceProfile seed) => this == None ? seed : seed.WithPrefillCorrection(Prefill) with
    {
        DecodeStepBaseSeconds = seed.DecodeStepBaseSeconds * Decode,
        DecodeStepPerSequenceSeconds = seed.DecodeStepPerSequenceSeconds * Decode,
        DecodeStepPerContextTokenSeconds = seed.DecodeStepPerContextTokenSeconds * Decode,
    };
}
