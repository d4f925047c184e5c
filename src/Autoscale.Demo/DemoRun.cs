using Autoscale.Demo.Cluster;
using Autoscale.Demo.Hpa;
using Autoscale.Demo.Programs;
using Autoscale.MetricsAdapter.Hosting;
using Autoscale.ScaleController.Hosting;
using Autoscale.VllmEmulator.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using EmulatedState = Autoscale.VllmEmulator.Server.PodState;

namespace Autoscale.Demo;

/// <summary>
/// The whole demo, composed once: the cluster (API server + aggregator), the metrics adapter and the scale controller
/// on it, the kubelet stand-in running emulated vLLM pods, the HPA controller (the HPA port) and the traffic replay.
/// </summary>
internal sealed class DemoRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private DemoCredentials _credentials = null!;
    private DemoCluster _cluster = null!;
    private WebApplication _adapter = null!;
    private ControllerApp _controller = null!;
    private EmulatedFleet _fleet = null!;
    private DcgmExporter? _gpus;

    private DemoRun(DemoOptions options) => Options = options;

    public DemoOptions Options { get; }

    public DemoCluster Cluster => _cluster;

    public Uri AdapterAddress { get; private set; } = null!;

    /// <summary>The KEDA external scaler's plaintext address; null when it is off.</summary>
    public Uri? KedaScalerAddress { get; private set; }

    public string AdapterKubeconfig => _credentials.KubeconfigFile;

    public string ClusterKubeconfig => _credentials.ClusterKubeconfigFile;

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
        _credentials = DemoCredentials.Create(Options.Directory, ["127.0.0.1", "localhost", DemoCluster.AdapterServerName], time.GetUtcNow());
        _cluster = await DemoCluster.StartAsync(_credentials, Options, cancellationToken);
        _cluster.WriteKubeconfig(_credentials.ClusterKubeconfigFile);

        // The GPU operator's dcgm-exporter runs before anything of ours is installed.
        _fleet = new EmulatedFleet(time);
        var kubelet = new Kubelet(_cluster.Server, _fleet, Options, time, logging.CreateLogger<Kubelet>());
        _gpus = new DcgmExporter(_cluster.Server, kubelet);
        await _gpus.StartAsync();

        _adapter = await AdapterInCluster.StartAsync(Options, _credentials, _cluster, Options.LogLevel < LogLevel.Warning ? LogLevel.Warning : Options.LogLevel);
        AdapterAddress = AdapterApp.BoundAddresses(_adapter)[0];
        KedaScalerAddress = _adapter.Services.GetService<KedaScalerHost>()?.Address;
        _credentials.WriteAdapterKubeconfig(AdapterAddress.GetLeftPart(UriPartial.Authority));
        _cluster.RouteAdapter(AdapterAddress);
        await _cluster.Server.CheckApiServicesAsync(cancellationToken);

        _loops.Add(kubelet.RunAsync(_stopping.Token));
        var hpa = new HpaController(_cluster.Server.CreateClient(DemoCluster.HpaControllerToken), Options.HpaSyncPeriod, time, logging.CreateLogger<HpaController>());
        _loops.Add(hpa.RunAsync(_stopping.Token));
        _controller = await ControllerInCluster.StartAsync(Options, _credentials, _cluster, logging);

        var trace = AzureLlmTrace.Load(Path.Combine(AppContext.BaseDirectory, "Traffic", "AzureLLMInferenceTrace_conv.csv"));
        var replay = new TraceDriver(
            trace,
            () => [.. _fleet.WithLabel("app", DemoWorkload.Name).Where(p => p.State == EmulatedState.Ready)],
            new TraceReplayOptions { TimeScale = Options.TraceTimeScale, RateScale = Options.TraceRateScale, Routing = RoutingPolicy.LeastLoaded },
            time);
        _loops.Add(replay.RunAsync(_stopping.Token).ContinueWith(static _ => { }, TaskScheduler.Default));
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_loops);
        if (_controller is not null)
        {
            await _controller.DisposeAsync();
        }

        if (_adapter is not null)
        {
            await _adapter.StopAsync();
            await _adapter.DisposeAsync();
        }

        if (_gpus is not null)
        {
            await _gpus.DisposeAsync();
        }

        if (_fleet is not null)
        {
            await _fleet.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _credentials?.Dispose();
        _stopping.Dispose();
    }
}
