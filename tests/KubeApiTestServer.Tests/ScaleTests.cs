using k8s;
using k8s.Models;

namespace Autoscale.Testing.KubeApi.Tests;

public sealed class ScaleTests
{
    [Fact]
    public async Task Scale_subresource_reads_and_writes_spec_replicas()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        var deployment = Objects.Deployment("llm", "vllm", 2);
        deployment.Status = new V1DeploymentStatus { Replicas = 2 };
        server.Upsert(deployment);
        using var client = server.CreateClient();

        var scale = await client.AppsV1.ReadNamespacedDeploymentScaleAsync("vllm", "llm");
        var read = (scale.ApiVersion, scale.Kind, scale.Spec.Replicas, scale.Status.Replicas, scale.Status.Selector);
        scale.Spec.Replicas = 4;
        var replaced = await client.AppsV1.ReplaceNamespacedDeploymentScaleAsync(scale, "vllm", "llm");
        var patched = await client.AppsV1.PatchNamespacedDeploymentScaleAsync(
            new V1Patch("""{"spec":{"replicas":5}}""", V1Patch.PatchType.MergePatch), "vllm", "llm");

        Assert.Equal(("autoscaling/v1", "Scale", (int?)2, (int?)2, "app=vllm"), read);
        Assert.Equal(4, replaced.Spec.Replicas);
        Assert.Equal(5, patched.Spec.Replicas);
        Assert.Equal(5, server.Get<V1Deployment>("llm", "vllm")!.Spec.Replicas);
    }

    [Fact]
    public async Task StatefulSet_scale_with_stale_resource_version_is_409()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        server.Upsert(new V1StatefulSet
        {
            Metadata = new V1ObjectMeta { Name = "vllm", NamespaceProperty = "llm" },
            Spec = new V1StatefulSetSpec { Replicas = 1, Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "vllm" } } },
        });
        using var client = server.CreateClient();
        var scale = await client.AppsV1.ReadNamespacedStatefulSetScaleAsync("vllm", "llm");
        await client.AppsV1.PatchNamespacedStatefulSetAsync(new V1Patch("""{"metadata":{"labels":{"x":"y"}}}""", V1Patch.PatchType.MergePatch), "vllm", "llm");

        scale.Spec.Replicas = 3;
        var error = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => client.AppsV1.ReplaceNamespacedStatefulSetScaleAsync(scale, "vllm", "llm"));

        Assert.Equal(System.Net.HttpStatusCode.Conflict, error.Response.StatusCode);
    }

    [Fact]
    public async Task Custom_resource_scale_follows_the_crd_paths_and_discovery_lists_it()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        server.AddCustomResourceDefinition(new V1CustomResourceDefinition
        {
            Metadata = new V1ObjectMeta { Name = "leaderworkersets.leaderworkerset.x-k8s.io" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = "leaderworkerset.x-k8s.io",
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames { Kind = "LeaderWorkerSet", Plural = "leaderworkersets", ShortNames = ["lws"] },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = "v1", Served = true, Storage = true,
                        Subresources = new V1CustomResourceSubresources
                        {
                            Status = new object(),
                            Scale = new V1CustomResourceSubresourceScale { SpecReplicasPath = ".spec.replicas", StatusReplicasPath = ".status.replicas", LabelSelectorPath = ".status.hpaPodSelector" },
                        },
                    },
                ],
            },
        });
        server.UpsertJson("""
            {"apiVersion":"leaderworkerset.x-k8s.io/v1","kind":"LeaderWorkerSet","metadata":{"name":"vllm","namespace":"llm"},
             "spec":{"replicas":2},"status":{"replicas":1,"hpaPodSelector":"leaderworkerset.sigs.k8s.io/name=vllm,leaderworkerset.sigs.k8s.io/worker-index=0"}}
            """);
        server.UpsertJson("""{"apiVersion":"leaderworkerset.x-k8s.io/v1","kind":"LeaderWorkerSet","metadata":{"name":"bare","namespace":"llm"},"spec":{}}""");
        using var client = server.CreateClient();

        var resources = await client.HttpClient.GetStringAsync(new Uri(server.BaseAddress, "/apis/leaderworkerset.x-k8s.io/v1"));
        var scale = KubernetesJson.Deserialize<V1Scale>(((System.Text.Json.JsonElement)await client.CustomObjects.GetNamespacedCustomObjectScaleAsync(
            "leaderworkerset.x-k8s.io", "v1", "llm", "leaderworkersets", "vllm")).GetRawText());
        await client.CustomObjects.PatchNamespacedCustomObjectScaleAsync(
            new V1Patch("""{"spec":{"replicas":3}}""", V1Patch.PatchType.MergePatch), "leaderworkerset.x-k8s.io", "v1", "llm", "leaderworkersets", "vllm");
        var stored = (System.Text.Json.JsonElement)await client.CustomObjects.GetNamespacedCustomObjectAsync("leaderworkerset.x-k8s.io", "v1", "llm", "leaderworkersets", "vllm");
        var missing = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => client.CustomObjects.GetNamespacedCustomObjectScaleAsync(
            "leaderworkerset.x-k8s.io", "v1", "llm", "leaderworkersets", "bare"));

        Assert.Contains("\"name\":\"leaderworkersets/scale\"", resources, StringComparison.Ordinal);
        Assert.Equal((2, 1, "leaderworkerset.sigs.k8s.io/name=vllm,leaderworkerset.sigs.k8s.io/worker-index=0"), (scale.Spec.Replicas, scale.Status.Replicas, scale.Status.Selector));
        Assert.Equal(3, stored.GetProperty("spec").GetProperty("replicas").GetInt32());
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, missing.Response.StatusCode);
    }
}
