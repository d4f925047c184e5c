using Autoscale.ScaleController.Act;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Decisions;
using Autoscale.ScaleController.Decide.Observed;
using Autoscale.ScaleController.Decide.WarmPool;
using Autoscale.ScaleController.Tests.Kube;
using Autoscale.Testing.KubeApi;
using k8s.Models;

namespace Autoscale.ScaleController.Tests.Act;

public sealed class ActorTests
{
    private static readonly PodTemplate Template = new(
        "vllm/vllm-openai:v0.11.0", new Dictionary<string, string> { ["nvidia.com/gpu"] = "1" }, new Dictionary<string, string> { ["gpu"] = "h100" }, []);

    [Fact]
    public async Task Applies_only_managed_fields_under_our_field_manager_and_records_the_event()
    {
        await using var fx = await ActFixture.StartAsync();
        var pinned = new V2HorizontalPodAutoscalerBehavior { ScaleDown = new V2HPAScalingRules { StabilizationWindowSeconds = 300 } };
        fx.Server.Upsert(Seed.Hpa("llm", "qwen", "qwen", new Dictionary<string, string> { ["autoscale.dev/pinned-fields"] = "scaleDown.stabilizationWindowSeconds" }, pinned));

        var outcomes = await fx.Actor.ApplyAsync([ActFixture.SetBehavior()], CancellationToken.None);

        Assert.Equal([ActOutcome.Applied], outcomes);
        var hpa = fx.Server.Get<V2HorizontalPodAutoscaler>("llm", "qwen")!;
        Assert.Equal(300, hpa.Spec.Behavior.ScaleDown.StabilizationWindowSeconds);
        Assert.Equal("Percent", hpa.Spec.Behavior.ScaleDown.Policies.Single().Type);
        Assert.Equal(4, hpa.Spec.Behavior.ScaleUp.Policies.Single().Value);
        Assert.Contains(hpa.Metadata.ManagedFields, m => m.Manager == "autoscale-scale-controller" && m.Operation == "Apply");
        var patch = fx.Writes().Single(r => r.Resource == "horizontalpodautoscalers");
        Assert.Equal("application/apply-patch+yaml", patch.ContentType?.Split(';')[0]);
        Assert.Contains("fieldManager=autoscale-scale-controller", patch.Query, StringComparison.Ordinal);
        Assert.Contains("force=true", patch.Query, StringComparison.Ordinal);
        var evt = Assert.Single(fx.Server.List<Corev1Event>("llm"));
        Assert.Equal(("HorizontalPodAutoscaler", "qwen", "BehaviorUpdated"), (evt.InvolvedObject.Kind, evt.InvolvedObject.Name, evt.Reason));
        Assert.Contains("p90 cold start 180s", evt.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Persists_history_and_creates_and_deletes_placeholders()
    {
        await using var fx = await ActFixture.StartAsync();
        fx.Server.Upsert(Seed.Hpa("llm", "qwen", "qwen"));
        fx.Server.Upsert(Seed.PriorityClass());
        var spec = PlaceholderFactory.Build(ActFixture.Qwen, Template, WarmPoolPolicy.Default, 1, "abc123", 0);

        await fx.Actor.ApplyAsync(
            [new PersistHistory(ActFixture.Qwen, ActFixture.QwenHpa, "v1;encoded", 3, false), new CreatePlaceholder(spec, "minimum 1", false), new CreatePlaceholder(spec, "again: AlreadyExists is fine", false)],
            CancellationToken.None);

        Assert.Equal("v1;encoded", fx.Server.Get<V2HorizontalPodAutoscaler>("llm", "qwen")!.Metadata.Annotations["autoscale.dev/cold-start-history"]);
        var pod = fx.Server.Get<V1Pod>("llm", "qwen-warm-0")!;
        Assert.Equal(("autoscale-placeholder", 0L), (pod.Spec.PriorityClassName, pod.Spec.TerminationGracePeriodSeconds));
        Assert.Equal("true", pod.Metadata.Labels["autoscale.dev/placeholder"]);
        Assert.Equal("Deployment/qwen", pod.Metadata.Annotations["autoscale.dev/owner"]);
        Assert.Equal("1", pod.Spec.Containers[0].Resources.Limits["nvidia.com/gpu"].ToString());

        await fx.Actor.ApplyAsync([new DeletePlaceholder("llm", "qwen-warm-0", ActFixture.Qwen, "over target", false)], CancellationToken.None);

        Assert.Null(fx.Server.Get<V1Pod>("llm", "qwen-warm-0"));
        Assert.Contains(fx.Writes(), r => r.Verb == "delete" && r.Query.Contains("gracePeriodSeconds=0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retries_429_and_5xx_with_backoff()
    {
        await using var fx = await ActFixture.StartAsync();
        fx.Server.Upsert(Seed.Hpa("llm", "qwen", "qwen"));
        fx.Server.FailNext(1, InjectedFault.TooManyRequests(1), r => r.Verb == "patch");
        fx.Server.FailNext(2, InjectedFault.InternalError, r => r.Verb == "create");

        var outcomes = await fx.Actor.ApplyAsync([ActFixture.SetBehavior()], CancellationToken.None);

        Assert.Equal([ActOutcome.Applied], outcomes);
        Assert.Equal([429, 200], fx.Writes().Where(r => r.Verb == "patch").Select(r => r.StatusCode));
        Assert.Equal([500, 500, 201], fx.Writes().Where(r => r.Verb == "create").Select(r => r.StatusCode));
        Assert.Single(fx.Server.List<Corev1Event>("llm"));
        Assert.Equal(3, fx.Metrics.ApiErrors.WithLabels("429").Value + fx.Metrics.ApiErrors.WithLabels("5xx").Value);
    }

    [Fact]
    public async Task Dry_run_and_lost_leadership_write_nothing()
    {
        await using var fx = await ActFixture.StartAsync();
        fx.Server.Upsert(Seed.Hpa("llm", "qwen", "qwen"));
        fx.Server.ClearRequests();

        var dry = await fx.Actor.ApplyAsync([ActFixture.SetBehavior(dryRun: true)], CancellationToken.None);
        fx.Leadership.Lose();
        var follower = await fx.Actor.ApplyAsync([ActFixture.SetBehavior(), new DeletePlaceholder("llm", "x", null, "gc", false)], CancellationToken.None);

        Assert.Equal([ActOutcome.DryRun], dry);
        Assert.Equal([ActOutcome.Skipped, ActOutcome.Skipped], follower);
        Assert.Empty(fx.Server.Requests);
    }

    [Fact]
    public async Task A_conflict_is_left_for_the_next_round()
    {
        await using var fx = await ActFixture.StartAsync();
        fx.Server.Upsert(Seed.Hpa("llm", "qwen", "qwen"));
        fx.Server.FailNext(1, new InjectedFault(409), r => r.Verb == "patch");

        var outcomes = await fx.Actor.ApplyAsync([ActFixture.SetBehavior(), new PersistHistory(ActFixture.Qwen, ActFixture.QwenHpa, "v1;x", 1, false)], CancellationToken.None);

        Assert.Equal([ActOutcome.Conflict, ActOutcome.Applied], outcomes);
    }
}
