using Autoscale.Kubernetes;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Watch;
using k8s.Models;

namespace Autoscale.ScaleController.Tests.Watch;

public sealed class MapperTests
{
    private static readonly DateTime Created = new(2026, 11, 23, 6, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_behavior_fields_our_manager_applied_are_read_from_managed_fields()
    {
        var hpa = k8s.KubernetesJson.Deserialize<V2HorizontalPodAutoscaler>("""
            {"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler",
             "metadata":{"name":"qwen","namespace":"llm","resourceVersion":"42","managedFields":[
               {"manager":"autoscale-scale-controller","operation":"Apply","apiVersion":"autoscaling/v2","fieldsType":"FieldsV1",
                "fieldsV1":{"f:spec":{"f:behavior":{"f:scaleDown":{"f:stabilizationWindowSeconds":{},"f:policies":{}},"f:scaleUp":{"f:selectPolicy":{}}}}}},
               {"manager":"autoscale-scale-controller","operation":"Update","apiVersion":"autoscaling/v2","fieldsType":"FieldsV1",
                "fieldsV1":{"f:metadata":{"f:annotations":{"f:autoscale.dev/cold-start-history":{}}},"f:spec":{"f:behavior":{"f:scaleUp":{"f:policies":{}}}}}},
               {"manager":"kubectl-edit","operation":"Update","apiVersion":"autoscaling/v2","fieldsType":"FieldsV1",
                "fieldsV1":{"f:spec":{"f:behavior":{"f:scaleDown":{"f:selectPolicy":{}}}}}},
               {"manager":"autoscale-scale-controller","operation":"Apply","subresource":"status","fieldsType":"FieldsV1",
                "fieldsV1":{"f:spec":{"f:behavior":{"f:scaleUp":{"f:stabilizationWindowSeconds":{}}}}}}
             ]},
             "spec":{"maxReplicas":10,"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"qwen"}}}
            """)!;

        var observed = HpaMapper.ToObserved(hpa);

        Assert.Equal(
            [Autoscale.ScaleController.Decide.Behavior.BehaviorField.ScaleUpSelectPolicy, Autoscale.ScaleController.Decide.Behavior.BehaviorField.ScaleDownStabilizationWindowSeconds,
             Autoscale.ScaleController.Decide.Behavior.BehaviorField.ScaleDownPolicies],
            observed.AppliedByUs!.Order());
        Assert.Equal("42", observed.ResourceVersion);
        Assert.Empty(HpaMapper.AppliedByUs(null));
    }

    [Fact]
    public void Pod_lifecycle_times_come_from_conditions_and_the_last_container_start()
    {
        var pod = Pod();
        pod.Status = new V1PodStatus
        {
            Conditions =
            [
                new V1PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = Created.AddSeconds(5) },
                new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = Created.AddSeconds(120) },
            ],
            ContainerStatuses =
            [
                Started("vllm", Created.AddSeconds(40)),
                Started("sidecar", Created.AddSeconds(30)),
            ],
        };

        var observed = PodMapper.ToObserved(pod);

        Assert.Equal(Created, observed.Created.UtcDateTime);
        Assert.Equal(Created.AddSeconds(5), observed.Scheduled!.Value.UtcDateTime);
        Assert.Equal(Created.AddSeconds(40), observed.ContainersStarted!.Value.UtcDateTime);
        Assert.Equal(Created.AddSeconds(120), observed.Ready!.Value.UtcDateTime);
        Assert.Null(observed.UnschedulableSince);
    }

    [Fact]
    public void Unschedulable_pods_and_pods_with_a_container_not_started()
    {
        var pod = Pod();
        pod.Status = new V1PodStatus
        {
            Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", LastTransitionTime = Created.AddSeconds(1) }],
            ContainerStatuses = [Started("vllm", Created.AddSeconds(40))],
        };

        var observed = PodMapper.ToObserved(pod);

        Assert.Equal(Created.AddSeconds(1), observed.UnschedulableSince!.Value.UtcDateTime);
        Assert.Null(observed.Scheduled);
        Assert.Null(observed.ContainersStarted);
    }

    [Fact]
    public void Selectors_and_templates()
    {
        var selector = new V1LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["app"] = "qwen" },
            MatchExpressions = [new V1LabelSelectorRequirement { Key = "tier", OperatorProperty = "In", Values = ["b", "a"] }, new V1LabelSelectorRequirement { Key = "canary", OperatorProperty = "DoesNotExist" }],
        };
        var template = Kube.Seed.Deployment("llm", "qwen", gpus: "2").Spec.Template;
        template.Spec.Containers.Add(new V1Container { Name = "sidecar", Image = "proxy", Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m") } } });

        var mapped = TemplateMapper.ToTemplate(template);

        Assert.Equal("app=qwen,!canary,tier in (a,b)", LabelSelector.From(selector)!.ToString());
        Assert.Equal("vllm/vllm-openai:v0.11.0", mapped.Image);
        Assert.Equal("2", mapped.Requests["nvidia.com/gpu"]);
        Assert.Equal("4.5", mapped.Requests["cpu"]);
        Assert.Equal(2, Autoscale.ScaleController.Decide.WarmPool.PlaceholderFactory.Gpus(mapped, GpuBudget.Default));
    }

    private static V1Pod Pod() => new()
    {
        Metadata = new V1ObjectMeta { Name = "qwen-a", NamespaceProperty = "llm", CreationTimestamp = Created },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "vllm" }, new V1Container { Name = "sidecar" }] },
    };

    private static V1ContainerStatus Started(string name, DateTime at) => new()
    {
        Name = name,
        State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = at } },
    };
}
