using System.Globalization;
using System.Text.Json.Nodes;
using Autoscale.MetricsAdapter.Hosting;
using Autoscale.MetricsAdapter.Tests.Sources.Targets;
using Autoscale.MetricsAdapter.Tests.Support;
using k8s.Models;

namespace Autoscale.MetricsAdapter.Tests.EndToEnd;

/// <summary>
/// The adapter as `serve` composes it: discovery through the Kubernetes API test server (real KubernetesClient),
/// scraping emulated vLLM pods over loopback, and the real kubectl reading the answer.
/// </summary>
public sealed class ServeEndToEndTests : IAsyncLifetime
{
    private readonly ServedFleet _rig = new();
    private string _kubeconfig = "";

    public async Task InitializeAsync()
    {
        await _rig.StartAsync("llama", Kube.PodsMetric("vllm_queue_depth"));
        using var client = _rig.Pki.ClientCertificate("sre");
        _kubeconfig = _rig.Pki.Write("kubeconfig", Kubeconfig.For(AdapterApp.BoundAddresses(_rig.App)[0].GetLeftPart(UriPartial.Authority), _rig.Pki.ServingCa, client));
    }

    public Task DisposeAsync() => _rig.DisposeAsync().AsTask();

    [Fact]
    public async Task Kubectl_sees_scraped_values_and_the_fleet_changing()
    {
        const string path = "/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth?labelSelector=app%3Dllama";

        var all = await ServedWhenAsync(path, items => items.Count == 3);
        Assert.Equal(ServedFleet.Queues.Select(q => q.ToString(CultureInfo.InvariantCulture)), all.Select(i => (string?)i["value"]));

        var deployment = await ServedWhenAsync("/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/deployments.apps/llama/vllm_queue_depth", items => items.Count == 1);
        Assert.Equal("22", (string?)deployment[0]["value"]);

        // A pod turning unready (say vLLM restarted and is loading again) is no longer capacity: it leaves the answer.
        _rig.Api.Upsert(_rig.Pod(1, ready: false));
        var withoutUnready = await ServedWhenAsync(path, items => items.Count == 2);
        Assert.Equal(["llama-0", "llama-2"], withoutUnready.Select(i => (string?)i["describedObject"]!["name"]));

        // A deleted pod goes away.
        _rig.Api.Delete<V1Pod>(ServedFleet.Ns, "llama-2");
        var afterDelete = await ServedWhenAsync(path, items => items.Count == 1);
        Assert.Equal("llama-0", (string?)afterDelete[0]["describedObject"]!["name"]);
    }

    private async Task<IReadOnlyList<JsonNode>> ServedWhenAsync(string path, Func<IReadOnlyList<JsonNode>, bool> condition)
    {
        string last = "";
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var (code, stdout, stderr) = await Tool.RunAsync(Tool.Find("kubectl"), ["--kubeconfig", _kubeconfig, "get", "--raw", path], Tool.HomeIn(_rig.Pki.Directory));
            if (code == 0)
            {
                var items = JsonNode.Parse(stdout)!["items"]!.AsArray().Select(i => i!).ToList();
                if (condition(items))
                {
                    return items;
                }
            }

            last = code == 0 ? stdout : stderr;
            await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System);
        }

        throw new TimeoutException($"condition never held for {path}; last answer: {last}");
    }
}
