using System.Text;
using Autoscale.MetricsAdapter.Sources.Exposition;

namespace Autoscale.MetricsAdapter.Tests.Sources.Exposition;

public sealed class WantedFamiliesTests
{
    private static readonly WantedFamilies Families = new(
        ["vllm:time_to_first_token_seconds", "vllm:num_requests_waiting", "http_requests", "x", "vllm:iteration_tokens_total"]);

    [Theory]
    [InlineData("vllm:time_to_first_token_seconds_bucket", 0, nameof(SampleSuffix.Bucket))]
    [InlineData("vllm:time_to_first_token_seconds_sum", 0, nameof(SampleSuffix.Sum))]
    [InlineData("vllm:time_to_first_token_seconds_count", 0, nameof(SampleSuffix.Count))]
    [InlineData("vllm:time_to_first_token_seconds_created", -1, nameof(SampleSuffix.None))]
    [InlineData("vllm:time_to_first_token_seconds", 0, nameof(SampleSuffix.None))]
    [InlineData("vllm:num_requests_waiting", 1, nameof(SampleSuffix.None))]
    [InlineData("vllm:num_requests_waitin", -1, nameof(SampleSuffix.None))]
    [InlineData("vllm:num_requests_waiting_by_reason", -1, nameof(SampleSuffix.None))]
    [InlineData("http_requests_total", 2, nameof(SampleSuffix.Total))]
    [InlineData("http_requests_info", 2, nameof(SampleSuffix.Info))]
    [InlineData("x", 3, nameof(SampleSuffix.None))]
    [InlineData("x_sum", 3, nameof(SampleSuffix.Sum))]
    [InlineData("_sum", -1, nameof(SampleSuffix.None))]
    [InlineData("y", -1, nameof(SampleSuffix.None))]
    [InlineData("vllm:iteration_tokens_total_bucket", 4, nameof(SampleSuffix.Bucket))]
    [InlineData("vllm:iteration_tokens_total", 4, nameof(SampleSuffix.None))]
    public void Sample_names_map_to_their_family_and_suffix(string name, int family, string suffix)
    {
        int index = Families.Find(Encoding.UTF8.GetBytes(name), out SampleSuffix actual);

        Assert.Equal((family, suffix), (index, actual.ToString()));
    }

    [Fact]
    public void Every_one_of_many_similar_names_is_found_at_its_index()
    {
        string[] names = Enumerable.Range(0, 500).Select(i => $"DCGM_FI_DEV_FIELD_{i}_X").ToArray();
        var families = new WantedFamilies(names);

        for (int i = 0; i < names.Length; i++)
        {
            Assert.Equal(i, families.Find(Encoding.UTF8.GetBytes(names[i]), out _));
            Assert.Equal(names[i], families[i]);
        }

        Assert.Equal(-1, families.Find("DCGM_FI_DEV_FIELD_500_X"u8, out _));
    }

    [Fact]
    public void Duplicates_are_collapsed_and_invalid_names_refused()
    {
        Assert.Equal(1, new WantedFamilies(["a", "a"]).Count);
        Assert.Throws<ArgumentException>(() => new WantedFamilies(["bad name"]));
        Assert.Throws<ArgumentException>(() => new WantedFamilies([""]));
    }
}
