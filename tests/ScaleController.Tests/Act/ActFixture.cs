using Autoscale.Hpa;
using Autoscale.Hpa.Spec;
using Autoscale.ScaleController.Act;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Behavior;
using Autoscale.ScaleController.Decide.Decisions;
using Autoscale.ScaleController.Decide.Observed;
using Autoscale.ScaleController.Kube;
using Autoscale.ScaleController.Telemetry;
using Autoscale.Testing.KubeApi;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace Autoscale.ScaleController.Tests.Act;

/// <summary>An <see cref="Actor"/> on the real KubernetesClient (with its retry handler) against the test server.</summary>
internal sealed class ActFixture : IAsyncDisposable
{
    public static readonly WorkloadRef Qwen = new("llm", "qwen");
    public static readonly HpaRef QwenHpa = new("llm", "qwen");

    private ActFixture(KubeApiTestServer server, k8s.Kubernetes client, ControllerMetrics metrics)
    {
        Server = server;
        Client = client;
        Metrics = metrics;
        Actor = new Actor(client, Leadership, metrics, NullLogger<Actor>.Instance, "test-0", TimeProvider.System);
    }

    public KubeApiTestServer Server { get; }

    public k8s.Kubernetes Client { get; }

    public ControllerMetrics Metrics { get; }

    public TestLeadership Leadership { get; } = new();

    public Actor Actor { get; }

    public static async Task<ActFixture> StartAsync()
    {
        var server = await KubeApiTestServer.StartAsync();
        server.AddToken("controller-token", "system:serviceaccount:autoscale:autoscale-scale-controller");
        var metrics = new ControllerMetrics(Prometheus.Metrics.NewCustomRegistry());
        var client = KubeClientFactory.Create(server.CreateClientConfiguration("controller-token"), new ApiRetryOptions(4, TimeSpan.FromMilliseconds(20)), metrics, TimeProvider.System);
        return new ActFixture(server, client, metrics);
    }

    /// <summary>Sets every field but the pinned scale-down window: burst up, 10-minute window kept as pinned.</summary>
    public static SetBehavior SetBehavior(bool dryRun = false)
    {
        var behavior = new HpaBehavior(
            new HpaScalingRules(0, ScalingPolicySelect.Max, [new HpaScalingPolicy(ScalingPolicyType.Pods, 4, 15)]),
            new HpaScalingRules(900, ScalingPolicySelect.Max, [new HpaScalingPolicy(ScalingPolicyType.Percent, 10, 60)]));
        var managed = BehaviorFields.All.Where(f => f != BehaviorField.ScaleDownStabilizationWindowSeconds).ToList();
        var changes = new List<FieldChange> { new(BehaviorField.ScaleUpPolicies, "unset", "[Pods 4/15s]") };
        return new SetBehavior(Qwen, QwenHpa, behavior, managed, changes, new KubernetesEvent(KubernetesEventType.Normal, "BehaviorUpdated", "scaleUp.policies unset → [Pods 4/15s] (p90 cold start 180s)"), dryRun);
    }

    public IEnumerable<RecordedRequest> Writes() =>
        Server.Requests.Where(r => r.IsResourceRequest && r.Verb is "create" or "update" or "patch" or "delete");

    public async ValueTask DisposeAsync()
    {
        Leadership.Dispose();
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
