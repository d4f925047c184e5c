using System.Text.Json.Nodes;
using Autoscale.ScaleController.Act;
using Autoscale.ScaleController.Decide.Behavior;

namespace Autoscale.ScaleController.Tests.Act;

public sealed class BehaviorApplyPatchTests
{
    [Fact]
    public void Names_only_the_managed_fields()
    {
        var set = ActFixture.SetBehavior();

        var body = JsonNode.Parse(BehaviorApplyPatch.Build(set))!;

        Assert.Equal(("autoscaling/v2", "HorizontalPodAutoscaler", "qwen", "llm"), (body["apiVersion"]!.ToString(), body["kind"]!.ToString(), body["metadata"]!["name"]!.ToString(), body["metadata"]!["namespace"]!.ToString()));
        var down = body["spec"]!["behavior"]!["scaleDown"]!.AsObject();
        Assert.False(down.ContainsKey("stabilizationWindowSeconds"));
        Assert.Equal("Max", down["selectPolicy"]!.ToString());
        Assert.Equal("""[{"type":"Percent","value":10,"periodSeconds":60}]""", down["policies"]!.ToJsonString());
        Assert.Equal(0, body["spec"]!["behavior"]!["scaleUp"]!["stabilizationWindowSeconds"]!.GetValue<int>());
        Assert.False(body["metadata"]!.AsObject().ContainsKey("resourceVersion"));
    }

    [Fact]
    public void A_retained_pinned_field_is_sent_at_its_current_value_under_the_read_resource_version()
    {
        var set = ActFixture.SetBehavior() with { RetainedFields = [BehaviorField.ScaleDownStabilizationWindowSeconds], ResourceVersion = "42" };

        var body = JsonNode.Parse(BehaviorApplyPatch.Build(set))!;

        Assert.Equal("42", body["metadata"]!["resourceVersion"]!.ToString());
        Assert.Equal(900, body["spec"]!["behavior"]!["scaleDown"]!["stabilizationWindowSeconds"]!.GetValue<int>());
        Assert.Equal(3, body["spec"]!["behavior"]!["scaleDown"]!.AsObject().Count);
    }

    [Fact]
    public void A_side_with_every_field_pinned_is_left_out()
    {
        var set = ActFixture.SetBehavior() with { ManagedFields = [BehaviorField.ScaleDownStabilizationWindowSeconds] };

        var behavior = JsonNode.Parse(BehaviorApplyPatch.Build(set))!["spec"]!["behavior"]!.AsObject();

        Assert.Equal(["scaleDown"], behavior.Select(p => p.Key));
        Assert.Equal(["stabilizationWindowSeconds"], behavior["scaleDown"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Dry_run_decisions_are_logged_when_new_and_again_after_a_gap()
    {
        var log = new DryRunLog();
        var a = ActFixture.SetBehavior(dryRun: true);
        var b = a with { Changes = [] };

        Assert.Single(log.NewThisRound([a]));
        Assert.Empty(log.NewThisRound([a]));
        Assert.Equal([b], log.NewThisRound([a, b]));
        Assert.Empty(log.NewThisRound([]));
        Assert.Equal([a], log.NewThisRound([a]));
    }
}
