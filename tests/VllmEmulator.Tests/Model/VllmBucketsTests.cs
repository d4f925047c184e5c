using Autoscale.VllmEmulator.Model;

namespace Autoscale.VllmEmulator.Tests.Model;

public sealed class VllmBucketsTests
{
    public static TheoryData<int, double[]> RequestTokenBounds() => new()
    {
        // build_1_2_5_buckets's own docstring example (vllm/v1/metrics/loggers.py).
        { 100, [1, 2, 5, 10, 20, 50, 100] },
        { 4096, [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000] },
        { 8192, [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000] },
        { 16_384, [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000] },
        { 131_072, [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000] },
        { 1, [1] },
        { 0, [] },
    };

    [Theory]
    [MemberData(nameof(RequestTokenBounds))]
    public void Request_token_bounds_are_vllms_1_2_5_buckets_up_to_max_model_len(int maxModelLen, double[] expected) =>
        Assert.Equal(expected, VllmBuckets.RequestTokens(maxModelLen));

    [Fact]
    public void Request_token_bounds_do_not_overflow_at_the_largest_length() =>
        Assert.Equal(2_000_000_000, VllmBuckets.RequestTokens(int.MaxValue)[^1]);
}
