using Autoscale.Kubernetes.Watch;
using k8s.Models;

namespace Autoscale.Kubernetes.Tests.Watch;

public sealed class ReflectorSelectorTests
{
    [Fact]
    public async Task Label_selector_and_namespace_limit_what_is_cached_and_watched()
    {
        await using var h = await ReflectorHarness.StartAsync();
        var vllm = new Dictionary<string, string> { ["app"] = "vllm" };
        h.Pod("a", "in", vllm);
        h.Pod("a", "other", new Dictionary<string, string> { ["app"] = "web" });
        h.Pod("b", "elsewhere", vllm);
        var reflector = h.Pods(new WatchScope("a", LabelSelector: "app=vllm"));
        var recorder = new ChangeRecorder<V1Pod>(reflector);
        await h.RunSyncedAsync(reflector);

        h.Pod("a", "late", vllm);
        h.Pod("b", "late", vllm);
        h.Pod("a", "in", new Dictionary<string, string> { ["app"] = "web" }); // leaves the selection

        await Eventually.TrueAsync(() => recorder.Seen.Count == 3, "three changes");
        Assert.Equal(["Added a/in", "Added a/late", "Deleted a/in"], recorder.Seen);
        Assert.Equal(["late"], reflector.Current.Select(p => p.Metadata.Name));
    }

    [Fact]
    public async Task Field_selector_follows_one_named_config_map()
    {
        await using var h = await ReflectorHarness.StartAsync();
        h.Server.Upsert(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "autoscale", NamespaceProperty = "ops" } });
        h.Server.Upsert(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "noise", NamespaceProperty = "ops" } });
        var reflector = new Reflector<V1ConfigMap>(
            ListWatch.ConfigMaps(h.Client, WatchScope.Named("ops", "autoscale")), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, ReflectorHarness.FastOptions);
        await h.RunSyncedAsync(reflector);

        h.Server.Upsert(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "autoscale", NamespaceProperty = "ops" }, Data = new Dictionary<string, string> { ["k"] = "v" } });
        h.Server.Upsert(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "noise", NamespaceProperty = "ops" }, Data = new Dictionary<string, string> { ["k"] = "v" } });

        await Eventually.TrueAsync(() => reflector.Current.Get("ops", "autoscale")?.Data?.ContainsKey("k") == true, "the update");
        Assert.Equal(["autoscale"], reflector.Current.Select(c => c.Metadata.Name));
        Assert.Contains(h.Server.Requests, r => r.Verb == "watch" && r.Query.Contains("fieldSelector=metadata.name", StringComparison.Ordinal));
    }
}
