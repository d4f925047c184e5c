using System.Diagnostics;
using System.Text.Json;

namespace Autoscale.Testing.KubeApi.Tests;

/// <summary>The real kubectl (installed by the test command) as a second, independent client of the test server.</summary>
public sealed class KubectlTests
{
    [Fact]
    public async Task Kubectl_get_pods_json_lists_seeded_pods_with_the_token_identity()
    {
        var kubectl = Environment.GetEnvironmentVariable("PATH")?.Split(':').Select(d => Path.Combine(d, "kubectl")).FirstOrDefault(File.Exists);
        // The test command installs kubectl (scripts/install-test-deps.sh); without it this test must fail, not pass.
        Assert.True(kubectl is not null, "kubectl is not on PATH; run ./test.sh, which installs it");

        await using var server = await KubeApiTestServer.StartAsync(new KubeApiTestServerOptions { UseHttps = true });
        server.AddToken("dev", "alice", "devs");
        server.Upsert(Objects.Pod("llm", "vllm-0", ("app", "vllm")));
        server.Upsert(Objects.Pod("llm", "other", ("app", "x")));
        var kubeconfig = server.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"kubeapi-{Guid.NewGuid():N}.yaml"), "dev");
        try
        {
            var (exitCode, output, error) = await RunAsync(kubectl!, "--kubeconfig", kubeconfig, "get", "pods", "-n", "llm", "-l", "app=vllm", "-o", "json");

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

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // kubectl caches discovery under $HOME; keep it per run so ports never collide.
        start.Environment["KUBECACHEDIR"] = Path.Combine(Path.GetTempPath(), "kubeapi-kubectl-cache-" + Guid.NewGuid().ToString("N"));
        using var process = Process.Start(start)!;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var output = process.StandardOutput.ReadToEndAsync(cts.Token);
        var error = process.StandardError.ReadToEndAsync(cts.Token);
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await output, await error);
    }
}
