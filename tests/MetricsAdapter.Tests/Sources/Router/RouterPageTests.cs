using System.Text;
using Autoscale.MetricsAdapter.Sources.Exposition;
using Autoscale.MetricsAdapter.Sources.Router;

namespace Autoscale.MetricsAdapter.Tests.Sources.Router;

/// <summary>Each router kind's page, read per model from the fixture pages written from the routers' source.</summary>
public sealed class RouterPageTests
{
    [Fact]
    public void Production_stack_counts_incoming_requests_per_model_and_has_no_queue()
    {
        var reading = Read(RouterKind.ProductionStack, "production-stack-router", "meta-llama/Llama-3.1-8B-Instruct", "Qwen/Qwen2.5-7B-Instruct", "unknown");

        Assert.Null(reading.Error);
        // The model at zero replicas has no per-server gauge, but its requests are counted (then answered 503).
        Assert.Equal([42.0, 1337.0, 0.0], reading.RequestsTotal);
        Assert.Equal([null, null, null], reading.Pending);
    }

    [Fact]
    public void Inference_extension_sums_the_flow_control_queue_over_fairness_and_priority_by_target_model()
    {
        var reading = Read(RouterKind.InferenceExtension, "inference-extension-epp", "llama-8b", "qwen-7b", "unknown");

        Assert.Null(reading.Error);
        // 3 + 1 (the rewritten "chat" requests count for llama-8b): the llm_d_epp_ name only, not its deprecated twin too.
        Assert.Equal([4.0, 0.0, 0.0], reading.Pending);
        Assert.Equal([150.0, 900.0, 0.0], reading.RequestsTotal);
    }

    [Fact]
    public void An_upstream_epp_without_the_llm_d_names_is_read_from_the_inference_extension_ones()
    {
        var page = string.Join('\n', RouterPageServer.Fixture("inference-extension-epp").Split('\n').Where(l => !l.Contains("llm_d_epp_", StringComparison.Ordinal)));

        var reading = new RouterPage(RouterKind.InferenceExtension, ["llama-8b"], 1 << 20).Read(Encoding.UTF8.GetBytes(page), ExpositionFormat.PrometheusText);

        Assert.Equal([4.0], reading.Pending);
    }

    [Fact]
    public void A_page_without_the_series_reads_zero_for_every_model()
    {
        var reading = new RouterPage(RouterKind.InferenceExtension, ["llama-8b"], 1 << 20).Read("up 1\n"u8, ExpositionFormat.PrometheusText);

        Assert.Null(reading.Error);
        Assert.Equal([0.0], reading.Pending);
        Assert.Equal([0.0], reading.RequestsTotal);
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("vllm:num_incoming_requests_total{model=\"m\" 1\n")]
    public void A_garbage_page_is_refused(string page)
    {
        var reading = new RouterPage(RouterKind.ProductionStack, ["m"], 1 << 20).Read(Encoding.UTF8.GetBytes(page), ExpositionFormat.PrometheusText);

        Assert.NotNull(reading.Error);
    }

    private static RouterReading Read(RouterKind kind, string fixture, params string[] models) =>
        new RouterPage(kind, models, 1 << 20).Read(Encoding.UTF8.GetBytes(RouterPageServer.Fixture(fixture)), ExpositionFormat.PrometheusText);
}
