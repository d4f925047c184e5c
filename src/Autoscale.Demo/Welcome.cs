using Autoscale.Demo.Cluster;
using Autoscale.Hosting.Flags;

namespace Autoscale.Demo;

/// <summary>What the demo prints: where everything is and what to run to watch both programs.</summary>
internal static class Welcome
{
    /// <summary>The demo takes no settings: only <c>--help</c>.</summary>
    public static readonly FlagSet Flags = new FlagSet().Bool("help", "this text").Alias("-h", "help");

    public static string Usage { get; } = """
        Usage: dotnet run --project src/Autoscale.Demo

        Runs the metrics adapter and the scale controller over one in-process Kubernetes API server (no cluster):
        an HPA reconciled by the HPA port scales emulated vLLM pods that load their model before they are Ready,
        with traffic replayed from the Azure 2023 conversation trace. Writes throw-away certificates and two
        kubeconfigs to .demo/ (cluster-kubeconfig for the cluster, kubeconfig straight to the adapter) and prints
        what to run. Ctrl-C stops it.


        """ + Flags.Help();

    public static string Text(DemoRun run)
    {
        var cluster = Relative(run.ClusterKubeconfig);
        var adapter = Relative(run.AdapterKubeconfig);
        var k = $"kubectl --kubeconfig {cluster}";
        var ns = DemoWorkload.Namespace;
        var name = DemoWorkload.Name;
        var o = run.Options;
        var coldStart = (o.Scheduling + o.ImagePull + o.ModelLoad).TotalSeconds;
        return $"""

            Autoscale demo: both programs over one in-process cluster ({run.Cluster.Server.BaseAddress.GetLeftPart(UriPartial.Authority)})
              cluster:     {cluster}   (user "{DemoCredentials.User}"; the custom metrics API is aggregated to the adapter)
              adapter:     {run.AdapterAddress.GetLeftPart(UriPartial.Authority)}, straight in with {adapter}
              workload:    Deployment {ns}/{name}, HPA {name} (queue depth, running requests), reconciled by the HPA port
                           every {o.HpaSyncPeriod.TotalSeconds:0} s; a new pod is scheduled, pulls and loads for ~{coldStart:0} s before it is Ready
              controller:  learns that cold start, sets the HPA's behavior, keeps 1 placeholder pod warm
              traffic:     the Azure 2023 conversation trace at {o.TraceTimeScale:0.##}x speed
              KEDA:        {(run.KedaScalerAddress is { } keda ? $"external scaler (gRPC externalscaler.ExternalScaler) on {keda.GetLeftPart(UriPartial.Authority)}, plaintext; trigger metadata e.g. metric: vllm_queue_depth, target: \"5\", labelSelector: app={name}" : "external scaler off")}
              GPUs:        {DemoCluster.GpuNodes} nodes, each with a dcgm-exporter (namespace {DemoCluster.GpuNamespace}) reporting the pod on its GPU

            Watch the controller (its numbers appear once the first pods are Ready, about {coldStart:0} s in):
              {k} get hpa -n {ns}
              {k} describe hpa {name} -n {ns}
              {k} get events -n {ns} --sort-by=.lastTimestamp
              {k} get pods -n {ns} -o wide
              dotnet run --project src/KubectlAutoscale -- --kubeconfig {cluster} status {name} -n {ns}

            Read the metrics API the HPA reads:
              {k} get --raw "/apis/custom.metrics.k8s.io/v1beta2/namespaces/{ns}/pods/*/vllm_queue_depth?labelSelector=app%3D{name}"
              {k} get --raw /apis/custom.metrics.k8s.io/v1beta2/namespaces/{ns}/deployments.apps/{name}/vllm_running_requests
              {k} get --raw "/apis/custom.metrics.k8s.io/v1beta2/namespaces/{ns}/pods/*/gpu_utilization?labelSelector=app%3D{name}"
              {k} get apiservice v1beta2.custom.metrics.k8s.io
              kubectl --kubeconfig {adapter} get --raw /readyz?verbose

            Ctrl-C stops it.
            """;
    }

    private static string Relative(string path) => Path.GetRelativePath(Environment.CurrentDirectory, path);
}
