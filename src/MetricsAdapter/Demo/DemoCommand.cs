using Autoscale.MetricsAdapter.Auth;
using Autoscale.MetricsAdapter.Config;
using Autoscale.MetricsAdapter.Sources;
using Autoscale.MetricsAdapter.Hosting;
using Autoscale.MetricsAdapter.Store;

namespace Autoscale.MetricsAdapter.Demo;

/// <summary>
/// <c>demo</c>: the real API server, behind the real authentication path (client certificates), over the demo fleet,
/// with no cluster. Authorization allows any authenticated user (there is no cluster to ask), and the start-up log
/// says so.
/// </summary>
internal static class DemoCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var time = TimeProvider.System;
        var defaults = new AdapterOptions { BindAddress = "127.0.0.1", MetricsPort = 6080 };
        var parsed = CommandLine.Parse(args, defaults);
        var server = $"https://{parsed.BindAddress}:{parsed.SecurePort}";
        var credentials = DemoCredentials.Create(Path.Combine(Environment.CurrentDirectory, ".demo"), server, time.GetUtcNow());
        var options = parsed with
        {
            TlsCertFile = credentials.ServerCertFile,
            TlsPrivateKeyFile = credentials.ServerKeyFile,
            AuthorizationMode = parsed.AuthorizationMode == AuthorizationMode.AlwaysAllow ? AuthorizationMode.AlwaysAllow : AuthorizationMode.AllowAuthenticated,
            Authentication = parsed.Authentication with { ClientCaFile = credentials.CaFile, SkipClusterLookup = true },
        };
        var store = new MetricStore();
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var config = new AdapterConfigSource(AdapterConfig.Default, registry);
        var app = AdapterApp.Build(options, config, store, registry, kubernetes: null, time, services =>
        {
            // No cluster: the demo fleet stands in for discovery, and the pipeline scrapes it.
            services.AddHostedService(sp => new DemoCluster(store, sp.GetRequiredService<ScrapeTargets>(), time, sp.GetRequiredService<ILogger<DemoCluster>>()));
            services.AddHostedService(sp => sp.GetRequiredService<AdapterPipeline>());
        });
        await app.StartAsync();
        PrintWelcome(credentials, options);
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static void PrintWelcome(DemoCredentials credentials, AdapterOptions options)
    {
        var kc = Path.GetRelativePath(Environment.CurrentDirectory, credentials.KubeconfigFile);
        var k = $"kubectl --kubeconfig {kc} get --raw";
        var metricsPort = options.MetricsPort >= 0 ? $"http://{options.BindAddress}:{options.MetricsPort}/metrics" : "off";
        Console.WriteLine($"""

            Autoscale metrics adapter demo: https://{options.BindAddress}:{options.SecurePort}
              authentication: client certificates (user "{DemoCredentials.User}", group "{DemoCredentials.Group}") from {kc}
              authorization:  DEMO MODE - any authenticated user may read every metric (no cluster to ask)
              fleet:          namespace demo: emulated vLLM pods scraped over loopback, Deployments llama-3-8b (3 pods) and
                              qwen-coder (2 pods; qwen-coder-1 loads its model for 60 s), load replayed from the Azure 2023 trace
              self-metrics:   {metricsPort}

            Try:
              {k} /apis/custom.metrics.k8s.io/v1beta2
              {k} "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/vllm_queue_depth?labelSelector=app%3Dllama-3-8b"
              {k} "/apis/custom.metrics.k8s.io/v1beta1/namespaces/demo/pods/*/vllm_kv_cache_usage?labelSelector=app%3Dqwen-coder"
              {k} /apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/deployments.apps/llama-3-8b/vllm_queue_depth
              {k} /apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/metrics/vllm_generation_tokens_per_second
              {k} "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/vllm_running_requests?metricLabelSelector=model_name%3DQwen_Qwen2.5-Coder-7B-Instruct"
              {k} /readyz?verbose

            Ctrl-C stops it.
            """);
    }
}
