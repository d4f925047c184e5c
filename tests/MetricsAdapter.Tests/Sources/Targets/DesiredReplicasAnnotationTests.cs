using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Sources.Targets;
using k8s.Models;

namespace Autoscale.MetricsAdapter.Tests.Sources.Targets;

/// <summary>The planner's annotation read strictly, and the scale target's resource guessed as the HPA controller does.</summary>
public sealed class DesiredReplicasAnnotationTests
{
    [Theory]
    [InlineData("{\"replicas\":12,\"at\":\"2026-12-07T06:30:00.000Z\",\"reason\":\"demand\"}", 12, "2026-12-07T06:30:00.0000000+00:00", "")]
    [InlineData("{\"at\":\"2026-12-07T06:30:00Z\",\"replicas\":0}", 0, "2026-12-07T06:30:00.0000000+00:00", "")]
    [InlineData("{\"replicas\":3,\"at\":\"2026-12-07T07:30:00+01:00\"}", 3, "2026-12-07T06:30:00.0000000+00:00", "")]
    [InlineData("{\"replicas\":-1,\"at\":\"2026-12-07T06:30:00Z\"}", -1, "", "is unreadable: \"replicas\"")]
    [InlineData("{\"replicas\":2.5,\"at\":\"2026-12-07T06:30:00Z\"}", -1, "", "is unreadable: \"replicas\"")]
    [InlineData("{\"replicas\":\"12\",\"at\":\"2026-12-07T06:30:00Z\"}", -1, "", "is unreadable: \"replicas\"")]
    [InlineData("{\"replicas\":12}", -1, "", "is unreadable: \"at\"")]
    [InlineData("{\"replicas\":12,\"at\":\"yesterday\"}", -1, "", "is unreadable: \"at\"")]
    [InlineData("[12]", -1, "", "is unreadable: not a JSON object")]
    [InlineData("12 replicas", -1, "", "is unreadable: not JSON")]
    [InlineData(null, -1, "", "has no value")]
    public void Reads_the_annotation_or_says_why_not(string? annotation, int replicas, string at, string why)
    {
        var annotations = annotation is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [DesiredReplicas.Annotation] = annotation };

        var sample = DesiredReplicas.Read(annotations, out var missing);

        if (replicas < 0)
        {
            Assert.Null(sample);
            Assert.StartsWith(why, missing, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(replicas, sample!.Value.Value);
            Assert.Equal(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), sample.Value.Timestamp);
        }
    }

    [Fact]
    public void An_oversized_annotation_is_unreadable()
    {
        var annotations = new Dictionary<string, string> { [DesiredReplicas.Annotation] = "{\"replicas\":1,\"at\":\"2026-12-07T06:30:00Z\",\"reason\":\"" + new string('x', DesiredReplicas.MaxAnnotationLength) + "\"}" };

        Assert.Null(DesiredReplicas.Read(annotations, out var missing));
        Assert.Contains("more than", missing, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("apps/v1", "Deployment", "deployments.apps")]
    [InlineData("apps/v1", "StatefulSet", "statefulsets.apps")]
    [InlineData("leaderworkerset.x-k8s.io/v1", "LeaderWorkerSet", "leaderworkersets.leaderworkerset.x-k8s.io")]
    [InlineData("example.com/v1", "Policy", "policies.example.com")]
    [InlineData("example.com/v1", "Class", "classes.example.com")]
    [InlineData("v1", "ReplicationController", "replicationcontrollers")]
    public void The_resource_is_guessed_from_the_kind_as_the_HPA_controller_does(string apiVersion, string kind, string resource)
    {
        Assert.Equal(resource, DesiredReplicas.ResourceOf(apiVersion, kind).ToString());
    }

    [Fact]
    public void One_value_per_scale_target_the_newest_readable_one()
    {
        V2HorizontalPodAutoscaler Hpa(string name, string? annotation) => new()
        {
            Metadata = new V1ObjectMeta
            {
                Name = name, NamespaceProperty = "llm",
                Annotations = annotation is null ? null : new Dictionary<string, string> { [DesiredReplicas.Annotation] = annotation },
            },
            Spec = new V2HorizontalPodAutoscalerSpec { ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "vllm" } },
        };

        var values = DesiredReplicas.Of([
            Hpa("a", "{\"replicas\":4,\"at\":\"2026-12-07T06:30:00Z\"}"),
            Hpa("b", "{\"replicas\":6,\"at\":\"2026-12-07T06:31:00Z\"}"),
            Hpa("c", null),
        ]);

        var value = Assert.Single(values);
        Assert.Equal(GroupResource.Deployments, value.Resource);
        Assert.Equal(6, value.Sample!.Value.Value);
        Assert.Equal("HPA llm/b annotation autoscale.dev/desired-replicas", value.Source);
    }
}
