using Autoscale.Demo.Cluster;
using Autoscale.Demo.Hpa;
using Autoscale.Demo.Programs;
using Autoscale.MetricsAdapter.Hosting;
using Autoscale.ScaleController.Hosting;
using Autoscale.VllmEmulator.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using EmulatedState = Autoscale.VllmEmulator.Server.PodState;

namespace Autoscale.Demo;

/// <summary>
/// The whole demo, composed once: the cluster (API server + aggregator), the metrics adapter and the scale controller
/// on it, the kubelet stand-in running emulated vLLM pods, the HPA controller (the HPA port) and the traffic replay.
/// </summary>
internal sealed class DemoRun : IAsyncDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> loops = [];
    private DemoCredentials credentials = null!;
    private DemoCluster cluster = null!;
    private WebApplication adapter = null!;
    private ControllerApp controller = null!;
    private EmulatedFleet fleet = null!;
    private DcgmExporter? gpus;

    private DemoRun(DemoOptions options) => Options = options;

    public DemoOptions Options { get; }

    public DemoCluster Cluster => cluster;

    public Uri AdapterAddress { get; private set; } = null!;

    public string AdapterKubeconfig => credentials.KubeconfigFile;

    public string ClusterKubeconfig => credentials.ClusterKubeconfigFile;

    public static async Task<DemoRun> StartAsync(DemoOptions options, ILoggerFactory logging, CancellationToken cancellationToken = default)
    {
        var run = new DemoRun(options);
        try
        {
            await run.StartAsync(logging, cancellationToken);
            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync(ILoggerFactory logging, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        credentials = DemoCredentials.Create(Options.Directory, ["127.0.0.1", "localhost", DemoCluster.AdapterServerName], time.GetUtcNow());
        cluster = await DemoCluster.StartAsync(credentials, Options, cancellationToken);
        cluster.WriteKubeconfig(credentials.ClusterKubeconfigFile);

        // The GPU operator's dcgm-exporter runs before anything of ours is installed.
        fleet = new EmulatedFleet(time);
        var kubelet = new Kubelet(cluster.Server, fleet, Options, time, logging.CreateLogger<Kubelet>());
        gpus = new DcgmExporter(cluster.Server, kubelet);
        await gpus.StartAsync();

        adapter = await AdapterInCluster.StartAsync(Options, credentials, cluster, Options.LogLevel < LogLevel.Warning ? LogLevel.Warning : Options.LogLevel);
        AdapterAddress = AdapterApp.BoundAddresses(adapter)[0];
        credentials.WriteAdapterKubeconfig(AdapterAddress.GetLeftPart(UriPartial.Authority));
        cluster.RouteAdapter(AdapterAddress);
        await cluster.Server.CheckApiServicesAsync(cancellationToken);

        loops.Add(kubelet.RunAsync(stopping.Token));
        var hpa = new HpaController(cluster.Server.CreateClient(DemoCluster.HpaControllerToken), Options.HpaSyncPeriod, time, logging.CreateLogger<HpaController>());
        loops.Add(hpa.RunAsync(stopping.Token));
        controller = await ControllerInCluster.StartAsync(Options, credentials, cluster, logging);

        var trace = AzureLlmTrace.Load(Path.Combine(AppContext.BaseDirectory, "Traffic", "AzureLLMInferenceTrace_conv.csv"));
        var replay = new TraceDriver(
            trace,
            () => [.. fleet.WithLabel("app", DemoWorkload.Name).Where(p => p.State == EmulatedState.Ready)],
            new TraceReplayOptions { TimeScale = Options.TraceTimeScale, RateScale = Options.TraceRateScale, Routing = RoutingPolicy.LeastLoaded },
            time);
        loops.Add(replay.RunAsync(stopping.Token).ContinueWith(static _ => { }, TaskScheduler.Default));
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await Task.WhenAll(loops);
        if (controller is not null)
        {
            await controller.DisposeAsync();
        }

        if (adapter is not null)
        {
            await adapter.StopAsync();
            await adapter.DisposeAsync();
        }

        if (gpus is not null)
        {
            await gpus.DisposeAsync();
        }

        if (fleet is not null)
        {
            await fleet.DisposeAsync();
        }

        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }

        credentials?.Dispose();
        stopping.Dispose();
    }
}
