using System.Text.Json;

namespace Autoscale.Testing.KubeApi.Tests;

/// <summary>The real kubectl (installed by the test command) as a second, independent client of the test server.</summary>
public sealed class KubectlTests
{
    [Fact]
    public async Task Kubectl_get_pods_json_lists_seeded_pods_with_the_token_identity()
    {
        // The test command installs kubectl (scripts/install-test-deps.sh); without it Find throws: the test fails, never passes.
        var kubectl = Tool.Find("kubectl");

        await using var server = await KubeApiTestServer.StartAsync(new KubeApiTestServerOptions { UseHttps = true });
        server.AddToken("dev", "alice", "devs");
        server.Upsert(Objects.Pod("llm", "vllm-0", ("app", "vllm")));
        server.Upsert(Objects.Pod("llm", "other", ("app", "x")));
        var kubeconfig = server.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"kubeapi-{Guid.NewGuid():N}.yaml"), "dev");
        try
        {
            // kubectl caches discovery under $HOME; keep it per run so ports never collide.
            var (exitCode, output, error) = await Tool.RunAsync(
                kubectl,
                ["--kubeconfig", kubeconfig, "get", "pods", "-n", "llm", "-l", "app=vllm", "-o", "json"],
                Tool.HomeIn(Path.Combine(Path.GetTempPath(), "kubeapi-kubectl-" + Guid.NewGuid().ToString("N"))),
                timeout: TimeSpan.FromSeconds(20));

            Assert.True(exitCode == 0, error);
            using var list = JsonDocument.Parse(output);
            var names = list.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("metadata").GetProperty("name").GetString());
            Assert.Equal(["vllm-0"], names);
            Assert.True(server.Requests.Any(r => r is { Verb: "list", Resource: "pods", Namespace: "llm", User: "alice" }), string.Join("\n", server.Requests));
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }
}
