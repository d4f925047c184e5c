using Autoscale.MetricsAdapter.Api.Keda;
using Grpc.Core;

namespace Autoscale.MetricsAdapter.Tests.Api.Keda;

public sealed class ScalerMetadataTests
{
    [Fact]
    public void Reads_every_key_and_ignores_KEDAs_own()
    {
        var trigger = ScalerMetadata.Parse(KedaClient.Ref("so",
            ("metric", " vllm_queue_depth "), ("target", "2.5"), ("activationTarget", "0.5"), ("labelSelector", "app=llama,tier in (gpu)"),
            ("scalerAddress", "autoscale-adapter.autoscale:6444"), ("enableTLS", "true"), ("unsafeSsl", "false")));

        Assert.Equal("vllm_queue_depth", trigger.Metric);
        Assert.Equal(2.5, trigger.Target);
        Assert.Equal(0.5, trigger.ActivationTarget);
        Assert.Equal("app=llama,tier in (gpu)", trigger.LabelSelector!.ToString());
        Assert.Equal(("llm", "so"), (trigger.Namespace, trigger.ScaledObject));
    }

    [Fact]
    public void Defaults_no_selector_and_activation_at_zero()
    {
        var trigger = ScalerMetadata.Parse(KedaClient.Ref("so", ("metric", "vllm_queue_depth"), ("target", "5")));

        Assert.Null(trigger.LabelSelector);
        Assert.Equal(0, trigger.ActivationTarget);
    }

    [Theory]
    [InlineData("target", "NaN", "is not a number")]
    [InlineData("target", "1e999", "is not a number")]
    [InlineData("target", "-3", "must be greater than 0")]
    [InlineData("labelSelector", "", "labelSelector is empty")]
    [InlineData("metric", "  ", "scalerMetadata.metric is required")]
    public void Refuses_with_InvalidArgument(string key, string value, string message)
    {
        var reference = KedaClient.Ref("so", ("metric", "vllm_queue_depth"), ("target", "5"));
        reference.ScalerMetadata[key] = value;

        var error = Assert.Throws<RpcException>(() => ScalerMetadata.Parse(reference));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(message, error.Status.Detail);
    }

    [Fact]
    public void A_reference_without_namespace_is_refused()
    {
        var reference = KedaClient.Ref("so", ("metric", "vllm_queue_depth"), ("target", "5"));
        reference.Namespace = "";

        Assert.Equal(StatusCode.InvalidArgument, Assert.Throws<RpcException>(() => ScalerMetadata.Parse(reference)).StatusCode);
    }
}
