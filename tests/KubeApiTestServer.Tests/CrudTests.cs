using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Autoscale.Testing.KubeApi.Tests;

public sealed class CrudTests
{
    [Fact]
    public async Task Create_then_get_returns_server_set_metadata()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var client = server.CreateClient();

        var created = await client.CoreV1.CreateNamespacedPodAsync(Objects.Pod("llm", "a"), "llm");
        var read = await client.CoreV1.ReadNamespacedPodAsync("a", "llm");

        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.Equal(created.Metadata.ResourceVersion, read.Metadata.ResourceVersion);
        Assert.Equal(1, read.Metadata.Generation);
        Assert.NotNull(read.Metadata.CreationTimestamp);
        Assert.Equal("Pod", read.Kind);
    }

    [Fact]
    public async Task Create_twice_is_409_AlreadyExists_status()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var client = server.CreateClient();
        await client.CoreV1.CreateNamespacedPodAsync(Objects.Pod("llm", "a"), "llm");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedPodAsync(Objects.Pod("llm", "a"), "llm"));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal("AlreadyExists", status.Reason);
        Assert.Equal("pods \"a\" already exists", status.Message);
        Assert.Equal("pods", status.Details.Kind);
    }

    [Fact]
    public async Task Get_missing_is_404_NotFound_status()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.AppsV1.ReadNamespacedDeploymentAsync("nope", "llm"));

        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal(("Failure", "NotFound", 404, "deployments.apps \"nope\" not found"), (status.Status, status.Reason, status.Code!.Value, status.Message));
        Assert.Equal("apps", status.Details.Group);
    }

    [Theory]
    [InlineData("app=vllm", new[] { "a", "b" })]
    [InlineData("app==vllm,tier!=gpu", new[] { "a" })]
    [InlineData("tier in (gpu,tpu)", new[] { "b" })]
    [InlineData("tier notin (gpu)", new[] { "a", "c" })]
    [InlineData("tier", new[] { "b" })]
    [InlineData("!tier", new[] { "a", "c" })]
    public async Task List_filters_by_label_selector(string selector, string[] expected)
    {
        await using var server = await KubeApiTestServer.StartAsync();
        server.Upsert(Objects.Pod("llm", "a", ("app", "vllm")));
        server.Upsert(Objects.Pod("llm", "b", ("app", "vllm"), ("tier", "gpu")));
        server.Upsert(Objects.Pod("llm", "c", ("app", "other")));
        using var client = server.CreateClient();

        var list = await client.CoreV1.ListNamespacedPodAsync("llm", labelSelector: selector);

        Assert.Equal(expected, list.Items.Select(p => p.Metadata.Name));
        Assert.Equal(server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), list.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task List_across_namespaces_with_field_selector_and_paging()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        server.Upsert(Objects.Pod("a", "p1"));
        server.Upsert(Objects.Pod("b", "p2"));
        var running = Objects.Pod("b", "p3");
        running.Status = new V1PodStatus { Phase = "Running" };
        server.Upsert(running);
        using var client = server.CreateClient();

        var all = await client.CoreV1.ListPodForAllNamespacesAsync();
        var runningOnly = await client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: "status.phase=Running");
        var page1 = await client.CoreV1.ListPodForAllNamespacesAsync(limit: 2);
        var page2 = await client.CoreV1.ListPodForAllNamespacesAsync(limit: 2, continueParameter: page1.Metadata.ContinueProperty);

        Assert.Equal(["p1", "p2", "p3"], all.Items.Select(p => p.Metadata.Name));
        Assert.Equal(["p3"], runningOnly.Items.Select(p => p.Metadata.Name));
        Assert.Equal(["p1", "p2"], page1.Items.Select(p => p.Metadata.Name));
        Assert.Equal(["p3"], page2.Items.Select(p => p.Metadata.Name));
        Assert.Null(page2.Metadata.ContinueProperty);
    }

    [Fact]
    public async Task Update_with_stale_resource_version_is_409_Conflict()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var client = server.CreateClient();
        var cm = await client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c" }, Data = new Dictionary<string, string> { ["k"] = "1" } }, "llm");
        var stale = cm.Metadata.ResourceVersion;
        cm.Data["k"] = "2";
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "c", "llm");

        cm.Metadata.ResourceVersion = stale;
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "c", "llm"));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Contains("the object has been modified", error.Response.Content, StringComparison.Ordinal);
        Assert.Equal("2", server.Get<V1ConfigMap>("llm", "c")!.Data["k"]);
    }

    [Fact]
    public async Task Merge_and_json_patches_change_the_object()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        server.Upsert(Objects.Pod("llm", "a", ("app", "vllm")));
        using var client = server.CreateClient();

        await client.CoreV1.PatchNamespacedPodAsync(
            new V1Patch("""{"metadata":{"labels":{"tier":"gpu","app":null}}}""", V1Patch.PatchType.MergePatch), "a", "llm");
        var patched = await client.CoreV1.PatchNamespacedPodAsync(
            new V1Patch("""[{"op":"add","path":"/metadata/annotations","value":{"x":"y"}}]""", V1Patch.PatchType.JsonPatch), "a", "llm");

        Assert.Equal(new Dictionary<string, string> { ["tier"] = "gpu" }, patched.Metadata.Labels);
        Assert.Equal("y", patched.Metadata.Annotations["x"]);
    }

    [Fact]
    public async Task Server_side_apply_creates_then_merges_and_records_the_manager()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var client = server.CreateClient();
        var apply = new V1Patch("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"llm"},"data":{"a":"1"}}""", V1Patch.PatchType.ApplyPatch);

        await client.CoreV1.PatchNamespacedConfigMapAsync(apply, "c", "llm", fieldManager: "scale-controller", force: true);
        var merged = await client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"b":"2"}}""", V1Patch.PatchType.ApplyPatch),
            "c", "llm", fieldManager: "scale-controller", force: true);

        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }, merged.Data);
        var entry = Assert.Single(merged.Metadata.ManagedFields);
        Assert.Equal(("scale-controller", "Apply"), (entry.Manager, entry.Operation));
    }

    [Fact]
    public async Task Delete_removes_and_second_delete_is_404()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        server.Upsert(Objects.Pod("llm", "a"));
        using var client = server.CreateClient();

        await client.CoreV1.DeleteNamespacedPodAsync("a", "llm");
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.DeleteNamespacedPodAsync("a", "llm"));

        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
        Assert.Null(server.Get<V1Pod>("llm", "a"));
    }

    [Fact]
    public async Task Status_subresource_changes_only_status()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        server.Upsert(Objects.Deployment("llm", "vllm", 2));
        using var client = server.CreateClient();

        await client.AppsV1.PatchNamespacedDeploymentStatusAsync(
            new V1Patch("""{"spec":{"replicas":9},"status":{"replicas":2,"readyReplicas":1}}""", V1Patch.PatchType.MergePatch), "vllm", "llm");
        await client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"replicas":3},"status":{"replicas":7}}""", V1Patch.PatchType.MergePatch), "vllm", "llm");
        var deployment = server.Get<V1Deployment>("llm", "vllm")!;

        Assert.Equal((3, 2, 1), (deployment.Spec.Replicas!.Value, deployment.Status.Replicas!.Value, deployment.Status.ReadyReplicas!.Value));
        Assert.Equal(2, deployment.Metadata.Generation);
    }

    [Fact]
    public async Task Https_server_is_trusted_by_the_configuration_it_creates()
    {
        await using var server = await KubeApiTestServer.StartAsync(new KubeApiTestServerOptions { UseHttps = true });
        server.AddToken("t", "alice");
        using var client = server.CreateClient("t");

        await client.CoreV1.ListNamespacedPodAsync("llm");

        Assert.Equal("https", server.BaseAddress.Scheme);
        Assert.Equal("alice", Assert.Single(server.Requests).User);
    }
}
