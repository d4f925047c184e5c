using System.Net;
using System.Text.Json.Nodes;
using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Api.Keda.Protocol;
using Autoscale.MetricsAdapter.Hosting;
using Autoscale.MetricsAdapter.Store;
using Autoscale.MetricsAdapter.Tests.Support;
using Grpc.Core;
using Grpc.Net.Client;
using Autoscale.MetricsAdapter.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.MetricsAdapter.Tests.Api.Keda;

/// <summary>
/// The four calls KEDA makes, through Grpc.Net.Client against the real adapter on loopback (plaintext scaler port),
/// over the test fleet: llama-0 (queue 3) and llama-1 (queue 7.5) are capacity, llama-2 is loading.
/// </summary>
public sealed class KedaScalerTests : IAsyncLifetime
{
    private static readonly TimeSpan StreamInterval = TimeSpan.FromSeconds(1);
    private readonly TestPki _pki = new();
    private readonly FakeTimeProvider _time = new(TestFleet.Now);
    private readonly MetricStore _store = TestFleet.Create();
    private RunningAdapter _adapter = null!;
    private GrpcChannel _channel = null!;
    private ExternalScaler.ExternalScalerClient _client = null!;

    public async Task InitializeAsync()
    {
        // The loading pod has a queue of its own: it must not count.
        _store.Record(new ObjectKey(TestFleet.Ns, "llama-2"), "pod", [new("vllm_queue_depth", TestFleet.Labels(("model_name", TestFleet.Llama)), new Sample(100, TestFleet.SampleTime))]);
        // KEDA's HPA for ScaledObject "llama" scales Deployment llama and carries the planner's recommendation.
        _store.ReplaceObjectValues([new ObjectValue(
            GroupResource.Deployments, ObjectReference.For(GroupResource.Deployments, TestFleet.Ns, "llama"), "autoscale_desired_replicas",
            new Sample(4, TestFleet.SampleTime), "HPA llm/keda-hpa-llama annotation autoscale.dev/desired-replicas", null, "keda-hpa-llama")]);
        _adapter = await RunningAdapter.StartAsync(_pki, _store, _time,
            o => o with { KedaScaler = new KedaScalerOptions { Port = 0, Plaintext = true, StreamInterval = StreamInterval } });
        (_channel, _client) = KedaClient.Connect(KedaClient.Address(_adapter));
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _adapter.DisposeAsync();
        _pki.Dispose();
    }

    [Fact]
    public async Task GetMetricSpec_returns_the_target_under_the_metric_name()
    {
        var spec = await _client.GetMetricSpecAsync(KedaClient.Ref("llama", ("metric", "vllm_queue_depth"), ("target", "5"), ("scalerAddress", "adapter:6444")));

        var only = Assert.Single(spec.MetricSpecs);
        Assert.Equal("vllm_queue_depth", only.MetricName);
        Assert.Equal(5, only.TargetSizeFloat);
        Assert.Equal(5, only.TargetSize);
    }

    [Fact]
    public async Task GetMetrics_is_the_sum_the_custom_metrics_API_serves_for_the_same_selector_loading_pod_left_out()
    {
        var reply = await _client.GetMetricsAsync(new GetMetricsRequest
        {
            MetricName = "vllm_queue_depth",
            ScaledObjectRef = KedaClient.Ref("llama", ("metric", "vllm_queue_depth"), ("target", "5"), ("labelSelector", "app=llama")),
        });

        using var http = _adapter.CreateClient(_pki.ClientCertificate("jane", "sre"));
        var body = JsonNode.Parse(await http.GetStringAsync("/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth?labelSelector=app%3Dllama"))!;
        var served = body["items"]!.AsArray().Sum(i => Quantity.TryParseMilli(i!["value"]!.GetValue<string>(), out var milli) ? milli / 1000.0 : double.NaN);
        var value = Assert.Single(reply.MetricValues);
        Assert.Equal("vllm_queue_depth", value.MetricName);
        Assert.Equal(10.5, value.MetricValueFloat);
        Assert.Equal(served, value.MetricValueFloat);
        Assert.Equal(10, value.MetricValue_);
    }

    [Fact]
    public async Task Without_labelSelector_the_pods_are_the_scale_targets_found_through_KEDAs_HPA()
    {
        var reply = await _client.GetMetricsAsync(new GetMetricsRequest
        {
            MetricName = "vllm_queue_depth",
            ScaledObjectRef = KedaClient.Ref("llama", ("metric", "vllm_queue_depth"), ("target", "5")),
        });

        Assert.Equal(10.5, Assert.Single(reply.MetricValues).MetricValueFloat);
    }

    [Fact]
    public async Task Without_labelSelector_and_without_KEDAs_HPA_the_reply_says_what_to_set()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await _client.IsActiveAsync(
            KedaClient.Ref("other", ("metric", "vllm_queue_depth"), ("target", "5"))));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("no HorizontalPodAutoscaler llm/keda-hpa-other", error.Status.Detail);
        Assert.Contains("labelSelector", error.Status.Detail);
    }

    [Fact]
    public async Task The_planners_desired_replicas_is_the_scale_targets_own_value()
    {
        var trigger = KedaClient.Ref("llama", ("metric", "autoscale_desired_replicas"), ("target", "1"));

        var reply = await _client.GetMetricsAsync(new GetMetricsRequest { MetricName = "autoscale_desired_replicas", ScaledObjectRef = trigger });
        var active = await _client.IsActiveAsync(trigger);
        trigger.ScalerMetadata["labelSelector"] = "app=llama";
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await _client.IsActiveAsync(trigger));

        Assert.Equal(4, Assert.Single(reply.MetricValues).MetricValueFloat);
        Assert.True(active.Result);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("labelSelector does not apply to autoscale_desired_replicas", refused.Status.Detail);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("10", true)]
    [InlineData("10.5", false)]
    [InlineData("50", false)]
    public async Task IsActive_is_value_above_activationTarget(string? activationTarget, bool expected)
    {
        var trigger = KedaClient.Ref("llama", ("metric", "vllm_queue_depth"), ("target", "5"), ("labelSelector", "app=llama"));
        if (activationTarget is not null)
        {
            trigger.ScalerMetadata["activationTarget"] = activationTarget;
        }

        Assert.Equal(expected, (await _client.IsActiveAsync(trigger)).Result);
    }

    [Theory]
    [InlineData("metric", null, "scalerMetadata.metric is required")]
    [InlineData("target", null, "scalerMetadata.target is required")]
    [InlineData("target", "five", "scalerMetadata.target \"five\" is not a number")]
    [InlineData("target", "0", "scalerMetadata.target is 0: it must be greater than 0")]
    [InlineData("activationTarget", "-1", "scalerMetadata.activationTarget is -1: it must be 0 or more")]
    [InlineData("labelSelector", "app in (", "scalerMetadata.labelSelector \"app in (\" is invalid")]
    [InlineData("activationThreshold", "3", "unknown scalerMetadata key \"activationThreshold\"")]
    public async Task Bad_metadata_is_InvalidArgument_naming_the_key_on_every_call(string key, string? value, string message)
    {
        var trigger = KedaClient.Ref("llama", ("metric", "vllm_queue_depth"), ("target", "5"));
        if (value is null)
        {
            trigger.ScalerMetadata.Remove(key);
        }
        else
        {
            trigger.ScalerMetadata[key] = value;
        }

        var errors = new[]
        {
            await Assert.ThrowsAsync<RpcException>(async () => await _client.GetMetricSpecAsync(trigger)),
            await Assert.ThrowsAsync<RpcException>(async () => await _client.GetMetricsAsync(new GetMetricsRequest { MetricName = "vllm_queue_depth", ScaledObjectRef = trigger })),
            await Assert.ThrowsAsync<RpcException>(async () => await _client.IsActiveAsync(trigger)),
            await Assert.ThrowsAsync<RpcException>(async () =>
            {
                using var stream = _client.StreamIsActive(trigger);
                await stream.ResponseStream.MoveNext(CancellationToken.None);
            }),
        };

        Assert.All(errors, e =>
        {
            Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
            Assert.Contains(message, e.Status.Detail);
        });
        var counted = _adapter.Services.GetRequiredService<AdapterMetrics>().KedaScalerRequests;
        Assert.All(["GetMetricSpec", "GetMetrics", "IsActive", "StreamIsActive"], method => Assert.Equal(1, counted.WithLabels(method, "InvalidArgument").Value));
    }

    [Fact]
    public async Task An_unknown_metric_is_NotFound_naming_what_is_served()
    {
        var trigger = KedaClient.Ref("llama", ("metric", "vllm_no_such_metric"), ("target", "5"), ("labelSelector", "app=llama"));

        var spec = await Assert.ThrowsAsync<RpcException>(async () => await _client.GetMetricSpecAsync(trigger));
        var metrics = await Assert.ThrowsAsync<RpcException>(async () => await _client.GetMetricsAsync(new GetMetricsRequest { ScaledObjectRef = trigger }));

        Assert.All([spec, metrics], e =>
        {
            Assert.Equal(StatusCode.NotFound, e.StatusCode);
            Assert.Contains("the metric vllm_no_such_metric is not served by this adapter", e.Status.Detail);
            Assert.Contains("vllm_queue_depth", e.Status.Detail);
        });
    }

    [Fact]
    public async Task A_stale_metric_is_Unavailable_never_zero_or_inactive()
    {
        var trigger = KedaClient.Ref("llama", ("metric", "vllm_queue_depth"), ("target", "5"), ("labelSelector", "app=llama"));
        _time.Advance(TimeSpan.FromSeconds(30));

        var metrics = await Assert.ThrowsAsync<RpcException>(async () => await _client.GetMetricsAsync(new GetMetricsRequest { ScaledObjectRef = trigger }));
        var active = await Assert.ThrowsAsync<RpcException>(async () => await _client.IsActiveAsync(trigger));

        Assert.All([metrics, active], e =>
        {
            Assert.Equal(StatusCode.Unavailable, e.StatusCode);
            Assert.Contains("no fresh value: the server could not find the metric vllm_queue_depth for pods * with selector app=llama", e.Status.Detail);
        });
    }

    [Fact]
    public async Task A_missing_metric_of_a_selector_with_no_pods_is_Unavailable()
    {
        var trigger = KedaClient.Ref("llama", ("metric", "vllm_queue_depth"), ("target", "5"), ("labelSelector", "app=none"));

        var error = await Assert.ThrowsAsync<RpcException>(async () => await _client.IsActiveAsync(trigger));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task StreamIsActive_sends_the_first_answer_and_then_only_changes()
    {
        var trigger = KedaClient.Ref("llama", ("metric", "vllm_queue_depth"), ("target", "5"), ("labelSelector", "app=llama"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var stream = _client.StreamIsActive(trigger, cancellationToken: timeout.Token);
        var received = new List<bool>();

        received.Add(await Next(stream, timeout.Token));
        SetQueues(0, 0);
        _time.Advance(StreamInterval);
        received.Add(await Next(stream, timeout.Token));
        SetQueues(0, 0);
        _time.Advance(StreamInterval); // no change: nothing sent
        SetQueues(2, 0);
        _time.Advance(StreamInterval);
        received.Add(await Next(stream, timeout.Token));

        Assert.Equal([true, false, true], received);
    }

    [Fact]
    public async Task StreamIsActive_opened_on_a_stale_metric_waits_for_a_value_instead_of_saying_inactive()
    {
        var trigger = KedaClient.Ref("llama", ("metric", "vllm_queue_depth"), ("target", "5"), ("labelSelector", "app=llama"));
        _time.Advance(TimeSpan.FromSeconds(30));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var stream = _client.StreamIsActive(trigger, cancellationToken: timeout.Token);

        // Headers come once the first read was made (and found nothing fresh).
        await stream.ResponseHeadersAsync;
        SetQueues(1, 0);
        _time.Advance(StreamInterval);

        Assert.True(await Next(stream, timeout.Token));
    }

    private void SetQueues(double llama0, double llama1)
    {
        var labels = TestFleet.Labels(("model_name", TestFleet.Llama));
        _store.Record(new ObjectKey(TestFleet.Ns, "llama-0"), "pod", [new("vllm_queue_depth", labels, new Sample(llama0, _time.GetUtcNow()))]);
        _store.Record(new ObjectKey(TestFleet.Ns, "llama-1"), "pod", [new("vllm_queue_depth", labels, new Sample(llama1, _time.GetUtcNow()))]);
    }

    private static async Task<bool> Next(AsyncServerStreamingCall<IsActiveResponse> stream, CancellationToken cancellationToken)
    {
        Assert.True(await stream.ResponseStream.MoveNext(cancellationToken));
        return stream.ResponseStream.Current.Result;
    }
}
