using Autoscale.MetricsAdapter.Api.Keda.Protocol;
using Grpc.Core;
using Grpc.Net.Client;

namespace Autoscale.Demo.Tests;

/// <summary>
/// Issue #15 item 2: the demo serves the KEDA external scaler in plaintext on loopback (127.0.0.1:6444 by default; a
/// free port here), and says so, so a ScaledObject's calls can be tried against the demo's pods.
/// </summary>
public sealed class KedaScalerDemoTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    [Fact]
    public async Task A_scaledobjects_calls_are_answered_over_plaintext_from_the_demo_pods()
    {
        var address = demo.Run.KedaScalerAddress;
        Assert.NotNull(address);
        Assert.Equal("127.0.0.1", address.Host);
        Assert.Contains($"on {address.GetLeftPart(UriPartial.Authority)}, plaintext", Welcome.Text(demo.Run), StringComparison.Ordinal);

        using var channel = GrpcChannel.ForAddress($"http://{address.Host}:{address.Port}");
        var client = new ExternalScaler.ExternalScalerClient(channel);
        var trigger = new ScaledObjectRef { Name = "llama-3-8b", Namespace = "demo" };
        trigger.ScalerMetadata["metric"] = "vllm_running_requests";
        trigger.ScalerMetadata["target"] = "5";
        trigger.ScalerMetadata["labelSelector"] = "app=llama-3-8b";

        var spec = Assert.Single((await client.GetMetricSpecAsync(trigger)).MetricSpecs);
        Assert.Equal("vllm_running_requests", spec.MetricName);
        Assert.Equal(5, spec.TargetSizeFloat);

        // Until the first pods are Ready and scraped the value is Unavailable (never a made-up 0); then it is served.
        GetMetricsResponse? reply = null;
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                reply = await client.GetMetricsAsync(new GetMetricsRequest { MetricName = "vllm_running_requests", ScaledObjectRef = trigger });
                return true;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), "the demo's running requests through the KEDA scaler");
        var value = Assert.Single(reply!.MetricValues);
        Assert.Equal("vllm_running_requests", value.MetricName);
        Assert.True(value.MetricValueFloat >= 0);

        var unknown = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            var bad = trigger.Clone();
            bad.ScalerMetadata["metric"] = "no_such_metric";
            await client.IsActiveAsync(bad);
        });
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }
}
