using Autoscale.VllmEmulator.Exposition;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.VllmEmulator.Tests.Exposition;

public sealed class RequestTokenHistogramTests
{
    /// <summary>(prompt, output) of six requests; 6000 is above the last bound (5000) of max_model_len 8192.</summary>
    private static readonly (int Prompt, int Output)[] Requests = [(1, 1), (2, 10), (20, 200), (500, 21), (5000, 3000), (6000, 100)];

    private static readonly string[] Les8192 =
        ["1.0", "2.0", "5.0", "10.0", "20.0", "50.0", "100.0", "200.0", "500.0", "1000.0", "2000.0", "5000.0", "+Inf"];

    // Cumulative per bound of Les8192, by hand: prompts 1, 2, 20, 500, 5000, 6000; outputs 1, 10, 21, 100, 200, 3000.
    private static readonly double[] PromptBuckets = [1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 6];
    private static readonly double[] GenerationBuckets = [1, 1, 1, 2, 2, 3, 4, 5, 5, 5, 5, 6, 6];

    private static ReplicaMetrics Finished(int maxModelLen, (int Prompt, int Output)[] requests)
    {
        var model = new ReplicaModel(ReplicaProfiles.Llama31_8B_H100 with { MaxModelLen = maxModelLen });
        for (var i = 0; i < requests.Length; i++)
        {
            Assert.True(model.Submit(new RequestArrival(i, i * 0.001, requests[i].Prompt, requests[i].Output)));
        }

        Assert.False(model.Submit(new RequestArrival(99, 1, maxModelLen, 1)), "too long: rejected, never observed");
        model.AdvanceTo(1_000);
        Assert.Equal(requests.Length, model.Finished);
        return model.Snapshot();
    }

    private static (string Name, string Le, double Value)[] Histogram(string page, string name) =>
        PrometheusText.Parse(page)
            .Where(s => s.Name.StartsWith(name + "_", StringComparison.Ordinal))
            .Select(s => (s.Name[(name.Length + 1)..], s.Labels.TryGetValue("le", out var le) ? le : "", s.Value))
            .ToArray();

    [Theory]
    [InlineData(VllmDialect.V1)]
    [InlineData(VllmDialect.V0)]
    public void After_known_requests_finish_both_histograms_have_their_buckets_count_and_sum(VllmDialect dialect)
    {
        var page = VllmExposition.Format(Finished(8192, Requests), new ExpositionOptions { ModelName = "m", Dialect = dialect });

        Assert.Equal(
            [.. Les8192.Zip(PromptBuckets, (le, v) => ("bucket", le, v)), ("count", "", 6.0), ("sum", "", 11_523.0)],
            Histogram(page, "vllm:request_prompt_tokens"));
        Assert.Equal(
            [.. Les8192.Zip(GenerationBuckets, (le, v) => ("bucket", le, v)), ("count", "", 6.0), ("sum", "", 3_332.0)],
            Histogram(page, "vllm:request_generation_tokens"));
    }

    [Theory]
    [InlineData(VllmDialect.V1, "{engine=\"0\",le=\"5000.0\",model_name=\"m\"} 5.0\n", "{engine=\"0\",model_name=\"m\"} 6.0\n")]
    [InlineData(VllmDialect.V0, "{le=\"5000.0\",model_name=\"m\"} 5.0\n", "{model_name=\"m\"} 6.0\n")]
    public void Lines_have_vllms_help_type_and_label_order(VllmDialect dialect, string bucket5000, string count)
    {
        var page = VllmExposition.Format(Finished(8192, Requests), new ExpositionOptions { ModelName = "m", Dialect = dialect });

        // The same HELP text in vllm/v1/metrics/loggers.py and vllm/engine/metrics.py.
        Assert.Contains("# HELP vllm:request_prompt_tokens Number of prefill tokens processed.\n# TYPE vllm:request_prompt_tokens histogram\n", page, StringComparison.Ordinal);
        Assert.Contains("# HELP vllm:request_generation_tokens Number of generation tokens processed.\n# TYPE vllm:request_generation_tokens histogram\n", page, StringComparison.Ordinal);
        Assert.Contains("vllm:request_prompt_tokens_bucket" + bucket5000, page, StringComparison.Ordinal);
        Assert.Contains("vllm:request_generation_tokens_count" + count, page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(VllmDialect.V1)]
    [InlineData(VllmDialect.V0)]
    public void At_max_model_len_4096_the_bounds_end_at_2000(VllmDialect dialect)
    {
        var metrics = Finished(4096, [(3000, 1000), (10, 10)]);
        var page = VllmExposition.Format(metrics, new ExpositionOptions { ModelName = "m", Dialect = dialect });

        var prompt = Histogram(page, "vllm:request_prompt_tokens").Where(s => s.Name == "bucket").ToArray();
        Assert.Equal(["1.0", "2.0", "5.0", "10.0", "20.0", "50.0", "100.0", "200.0", "500.0", "1000.0", "2000.0", "+Inf"], prompt.Select(s => s.Le));
        Assert.Equal((1.0, 2.0), (prompt[^2].Value, prompt[^1].Value));
        var generation = Histogram(page, "vllm:request_generation_tokens").Where(s => s.Name == "bucket").ToArray();
        Assert.Equal(prompt.Select(s => s.Le), generation.Select(s => s.Le));
        Assert.Equal((1.0, 2.0, 2.0), (generation[3].Value, generation[^3].Value, generation[^1].Value));
    }

    [Fact]
    public void A_snapshot_without_them_renders_no_family()
    {
        var metrics = Finished(8192, Requests) with { RequestPromptTokens = null, RequestGenerationTokens = null };

        var page = VllmExposition.Format(metrics, new ExpositionOptions { ModelName = "m" });

        Assert.DoesNotContain("vllm:request_prompt_tokens", page, StringComparison.Ordinal);
        Assert.DoesNotContain("vllm:request_generation_tokens", page, StringComparison.Ordinal);
    }
}
