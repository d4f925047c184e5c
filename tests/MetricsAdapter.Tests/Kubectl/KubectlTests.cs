using System.Text.Json.Nodes;
using Autoscale.MetricsAdapter.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.MetricsAdapter.Tests.Kubectl;

/// <summary>The real kubectl as the client of our API, authenticating with a client certificate from a kubeconfig.</summary>
public sealed class KubectlTests : IAsyncLifetime
{
    private readonly TestPki _pki = new();
    private readonly FakeTimeProvider _time = new(TestFleet.Now);
    private RunningAdapter _adapter = null!;
    private string _kubeconfig = "";

    public async Task InitializeAsync()
    {
        _adapter = await RunningAdapter.StartAsync(_pki, TestFleet.Create(), _time);
        using var client = _pki.ClientCertificate("kubectl-user", "sre");
        _kubeconfig = _pki.Write("kubeconfig", Kubeconfig.For(_adapter.SecureUri.GetLeftPart(UriPartial.Authority), _pki.ServingCa, client));
    }

    public async Task DisposeAsync()
    {
        await _adapter.DisposeAsync();
        _pki.Dispose();
    }

    [Theory]
    [InlineData("v1beta1")]
    [InlineData("v1beta2")]
    public async Task Pods_with_a_label_selector(string version)
    {
        var json = await GetRaw($"/apis/custom.metrics.k8s.io/{version}/namespaces/llm/pods/*/vllm_queue_depth?labelSelector=app%3Dllama");

        Assert.Equal($"custom.metrics.k8s.io/{version}", (string?)json["apiVersion"]);
        var items = json["items"]!.AsArray();
        Assert.Equal(["llama-0", "llama-1"], items.Select(i => (string?)i!["describedObject"]!["name"]));
        Assert.Equal(["3", "7500m"], items.Select(i => (string?)i!["value"]));
    }

    [Fact]
    public async Task Deployment_object_path()
    {
        var json = await GetRaw("/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/deployments.apps/llama/vllm_queue_depth");

        var item = Assert.Single(json["items"]!.AsArray())!;
        Assert.Equal("Deployment", (string?)item["describedObject"]!["kind"]);
        Assert.Equal("10500m", (string?)item["value"]);
    }

    [Fact]
    public async Task Discovery()
    {
        var json = await GetRaw("/apis/custom.metrics.k8s.io/v1beta2");

        Assert.Equal("APIResourceList", (string?)json["kind"]);
        Assert.Contains(json["resources"]!.AsArray(), r => (string?)r!["name"] == "pods/vllm_queue_depth");
    }

    [Fact]
    public async Task Errors_reach_kubectl_as_Status_messages()
    {
        var (code, _, stderr) = await Tool.RunAsync(Tool.Find("kubectl"),
            ["--kubeconfig", _kubeconfig, "get", "--raw", "/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/nope"], Tool.HomeIn(_pki.Directory));

        Assert.NotEqual(0, code);
        Assert.Contains("Error from server (NotFound): the server could not find the metric nope for pods", stderr, StringComparison.Ordinal);
    }

    private async Task<JsonNode> GetRaw(string path)
    {
        var (code, stdout, stderr) = await Tool.RunAsync(Tool.Find("kubectl"), ["--kubeconfig", _kubeconfig, "get", "--raw", path], Tool.HomeIn(_pki.Directory));
        Assert.True(code == 0, $"kubectl failed ({code}): {stderr}");
        return JsonNode.Parse(stdout)!;
    }
}
