using System.Globalization;
using Autoscale.MetricsAdapter.Auth;
using Autoscale.MetricsAdapter.Config;
using Autoscale.MetricsAdapter.Hosting;
using Autoscale.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Autoscale.LoadTest.Adapter;

/// <summary>
/// <c>adapter serve-bench</c>, the child that is the adapter under test: the whole adapter as <c>serve</c> composes it
/// (<see cref="ServeCommand.Build"/>: discovery → scrape → store → API) against the cluster child's Kubernetes API,
/// discovering the bench pods by label and scraping them, on loopback HTTPS with the bench PKI (client certificates,
/// any authenticated user allowed). Handshake: <c>listening URL pid PID</c>, <c>ready</c>. On stdin, <c>heap</c>
/// answers the live managed heap after a full GC, <c>server-latency</c> its request-duration histogram
/// (<see cref="ServerLatency"/>); closing stdin stops it.
/// </summary>
internal static class ServeBenchCommand
{
    public static async Task<int> RunAsync(ServeBenchOptions options, TextWriter output)
    {
        var pki = TestPki.Files(options.PkiDirectory);
        var adapterOptions = new AdapterOptions
        {
            BindAddress = "127.0.0.1",
            SecurePort = 0,
            MetricsPort = -1,
            TlsCertFile = pki.ServingCertFile,
            TlsPrivateKeyFile = pki.ServingKeyFile,
            Authentication = new AuthenticationFlags(ClientCaFile: pki.ClientCaFile, SkipClusterLookup: true),
            AuthorizationMode = AuthorizationMode.AllowAuthenticated,
        };
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var yaml = ConfigYaml(options.ScrapeInterval);
        var config = new CurrentAdapterConfig(AdapterConfigParser.Parse(yaml), registry, yaml);
        using var kubernetes = new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = options.Api.AbsoluteUri });
        // Logs go to stderr: stdout carries the handshake and the answers to the parent's requests.
        var app = ServeCommand.Build(adapterOptions, config, registry, kubernetes, TimeProvider.System, l =>
        {
            l.SetMinimumLevel(LogLevel.Warning);
            l.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        await app.StartAsync().ConfigureAwait(false);

        await output.WriteLineAsync(Handshake.Listening(AdapterApp.BoundAddresses(app)[0], Environment.ProcessId)).ConfigureAwait(false);
        await output.WriteLineAsync("ready").ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);

        while (await Console.In.ReadLineAsync().ConfigureAwait(false) is { } request)
        {
            if (request == "heap")
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
                await output.WriteLineAsync(Handshake.Heap(GC.GetTotalMemory(forceFullCollection: true))).ConfigureAwait(false);
                await output.FlushAsync().ConfigureAwait(false);
            }
            else if (request == "server-latency")
            {
                using var text = new MemoryStream();
                await registry.CollectAndExportAsTextAsync(text).ConfigureAwait(false);
                await output.WriteLineAsync(ServerLatency.FromExposition(System.Text.Encoding.UTF8.GetString(text.ToArray())).ToLine()).ConfigureAwait(false);
                await output.FlushAsync().ConfigureAwait(false);
            }
        }

        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>The adapter's config file: scrape every interval, and discover the bench pods by label (no HPAs).</summary>
    public static string ConfigYaml(TimeSpan interval)
    {
        var ms = (long)interval.TotalMilliseconds;
        var timeout = Math.Min(ms, 1500);
        return string.Create(CultureInfo.InvariantCulture, $"""
            scrape:
              interval: {ms}ms
              timeout: {timeout}ms
            discovery:
              followHorizontalPodAutoscalers: false
              pods:
                - namespace: {BenchFleet.Namespace}
                  labelSelector: {BenchFleet.ScrapeSelector}

            """);
    }
}
