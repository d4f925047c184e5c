using System.Globalization;
using System.Text.Json.Nodes;
using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Api.Keda.Protocol;
using Autoscale.MetricsAdapter.Hosting;
using Autoscale.MetricsAdapter.Tests.Api.Keda;
using Autoscale.MetricsAdapter.Tests.Support;
using Grpc.Core;
using Grpc.Net.Client;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Autoscale.MetricsAdapter.Tests.EndToEnd;

/// <summary>
/// The adapter as `serve` composes it, with the scaler on: a KEDA-made HPA (External <c>s0-vllm_queue_depth</c>, no
/// Pods metric) is enough for discovery to scrape the emulated vLLM pods, and KEDA's four calls read what the custom
/// metrics API serves for the scale target's selector, a loading pod left out of both.
/// </summary>
public sealed class KedaScalerEndToEndTests : IAsyncLifetime
{
    private readonly ServedFleet _rig = new();
    private GrpcChannel? _channel;
    private ExternalScaler.ExternalScalerClient _scaler = null!;
    private HttpClient? _http;

    public async Task InitializeAsync()
    {
        await _rig.StartAsync("keda-hpa-llama-so", new V2MetricSpec
        {
            Type = "External",
            External = new V2ExternalMetricSource
            {
                Metric = new V2MetricIdentifier { Name = "s0-vllm_queue_depth" },
                Target = new V2MetricTarget { Type = "AverageValue", AverageValue = new ResourceQuantity("5") },
            },
        }, o => o with { MetricsPort = -1, KedaScaler = new KedaScalerOptions { Port = 0, Plaintext = true, StreamInterval = TimeSpan.FromMilliseconds(200) } });
        (_channel, _scaler) = KedaClient.Connect(_rig.App.Services.GetRequiredService<KedaScalerHost>().Address!);
        _http = new HttpClient(new SocketsHttpHandler { SslOptions = _rig.Pki.ClientTls(_rig.Pki.ClientCertificate("sre")) })
        {
            BaseAddress = AdapterApp.BoundAddresses(_rig.App)[0],
        };
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        _channel?.Dispose();
        await _rig.DisposeAsync();
    }

    [Fact]
    public async Task All_four_calls_read_what_the_custom_metrics_API_serves_loading_pod_left_out()
    {
        // No labelSelector: the pods are the scale target's, found through KEDA's HPA.
        var trigger = KedaClient.Ref("llama-so", ("metric", "vllm_queue_depth"), ("target", "5"), ("activationTarget", "2"));

        var spec = await _scaler.GetMetricSpecAsync(trigger);
        Assert.Equal(5, Assert.Single(spec.MetricSpecs).TargetSizeFloat);

        Assert.Equal(22, await EventuallyAsync(trigger, 22));
        Assert.Equal(22, await ServedSumAsync());
        Assert.True((await _scaler.IsActiveAsync(trigger)).Result);
        using (var stream = _scaler.StreamIsActive(trigger))
        {
            Assert.True(await stream.ResponseStream.MoveNext(CancellationToken.None));
            Assert.True(stream.ResponseStream.Current.Result);
        }

        // llama-1 loads again (not Ready): left out of both answers the same way.
        _rig.Api.Upsert(_rig.Pod(1, ready: false));
        Assert.Equal(15, await EventuallyAsync(trigger, 15));
        Assert.Equal(15, await ServedSumAsync());
    }

    /// <summary>GetMetrics until it answers <paramref name="expected"/> (discovery and the first scrapes take a moment).</summary>
    private async Task<double> EventuallyAsync(ScaledObjectRef trigger, double expected)
    {
        var last = "";
        for (var attempt = 0; attempt < 80; attempt++)
        {
            try
            {
                var value = Assert.Single((await _scaler.GetMetricsAsync(new GetMetricsRequest { MetricName = "vllm_queue_depth", ScaledObjectRef = trigger })).MetricValues).MetricValueFloat;
                if (value == expected)
                {
                    return value;
                }

                last = value.ToString(CultureInfo.InvariantCulture);
            }
            catch (RpcException ex)
            {
                last = $"{ex.StatusCode}: {ex.Status.Detail}";
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System);
        }

        throw new TimeoutException($"GetMetrics never answered {expected}; last answer: {last}");
    }

    private async Task<double> ServedSumAsync()
    {
        var body = JsonNode.Parse(await _http!.GetStringAsync("/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth?labelSelector=app%3Dllama"))!;
        return body["items"]!.AsArray().Sum(i => Quantity.TryParseMilli((string)i!["value"]!, out var milli) ? milli / 1000.0 : double.NaN);
    }
}
