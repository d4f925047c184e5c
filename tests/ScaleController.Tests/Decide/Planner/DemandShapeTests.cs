using Autoscale.ScaleController.Decide.Planner;

namespace Autoscale.ScaleController.Tests.Decide.Planner;

public sealed class DemandShapeTests
{
    [Theory]
    [InlineData(230, 200, 0, 330)] // every request alike: prompt plus half the output
    [InlineData(230, 200, 1, 430)] // exponential outputs: long answers hold their KV longer, P̄ + Ō
    public void Mean_context_is_weighted_by_how_long_each_request_runs(double prompt, double output, double outputCv, double expected)
    {
        Assert.Equal(expected, new DemandShape(prompt, output, OutputCv: outputCv).MeanContextTokens, 9);
    }

    [Fact]
    public void A_wider_spread_lowers_a_kv_bound_capacity()
    {
        var seed = EmulatorSeed.From(Autoscale.VllmEmulator.Model.ReplicaProfiles.Llama31_8B_A10G);

        var alike = ReplicaCapacity.Estimate(seed, PlannerSlo.Default, new DemandShape(230, 200));
        var spread = ReplicaCapacity.Estimate(seed, PlannerSlo.Default, new DemandShape(230, 200, 1, 1));

        Assert.Equal("kv", spread.Bound);
        Assert.True(spread.RequestsPerSecond < 0.9 * alike.RequestsPerSecond, $"{spread.RequestsPerSecond} vs {alike.RequestsPerSecond}");
    }

    [Theory]
    [InlineData(0, 200, 0, 0)]
    [InlineData(230, double.NaN, 0, 0)]
    [InlineData(230, 200, -1, 0)]
    [InlineData(230, 200, 0, double.PositiveInfinity)]
    public void Invalid_shapes_are_refused(double prompt, double output, double promptCv, double outputCv)
    {
        var shape = new DemandShape(prompt, output, promptCv, outputCv);

        Assert.False(shape.IsValid);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            ReplicaCapacity.Estimate(EmulatorSeed.From(Autoscale.VllmEmulator.Model.ReplicaProfiles.Llama31_8B_H100), PlannerSlo.Default, shape));
    }
}
