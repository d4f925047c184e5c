using System.Globalization;
using System.Net;
using System.Text;
using Autoscale.Testing.KubeApi;
using Autoscale.VllmEmulator.Server;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using EmulatedState = Autoscale.VllmEmulator.Server.PodState;

namespace Autoscale.Demo.Cluster;

/// <summary>
/// dcgm-exporter as the GPU operator runs it, one pod per GPU node (namespace gpu-operator, label
/// <c>app=nvidia-dcgm-exporter</c>, where the adapter looks by default), so every <c>gpu_*</c> metric the adapter lists has data. Each node's
/// page names the pod holding its GPU (<c>namespace</c>, <c>pod</c>, <c>container</c>, as with
/// <c>--kubernetes</c>) with values that follow that pod's emulated load: utilisation and engine activity from its
/// running batch, framebuffer from the model's weights plus its KV cache. One loopback listener serves every node's
/// page at <c>/nodes/{node}/metrics</c> (the pods' <c>prometheus.io/path</c>).
/// </summary>
internal sealed class DcgmExporter(KubeApiTestServer server, Kubelet kubelet) : IAsyncDisposable
{
    private const double WeightsMiB = 16_400;   // Llama 3.1 8B in bf16
    private const double KvCacheMiB = 5_600;    // what vLLM reserves for KV on a 24 GB A10G at 0.9 utilisation
    private WebApplication? _app;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapGet("/nodes/{node}/metrics", (string node) => Results.Text(Page(node), "text/plain; version=0.0.4", Encoding.UTF8));
        await _app.StartAsync();
        var port = new Uri(_app.Urls.First()).Port;
        for (var i = 0; i < DemoCluster.GpuNodes; i++)
        {
            var node = $"gpu-node-{i}";
            server.Upsert(new V1Pod
            {
                Metadata = new V1ObjectMeta
                {
                    Name = $"nvidia-dcgm-exporter-{node}",
                    NamespaceProperty = DemoCluster.GpuNamespace,
                    Labels = new Dictionary<string, string> { ["app"] = "nvidia-dcgm-exporter" },
                    Annotations = new Dictionary<string, string>
                    {
                        ["prometheus.io/port"] = port.ToString(CultureInfo.InvariantCulture),
                        ["prometheus.io/path"] = $"/nodes/{node}/metrics",
                    },
                },
                Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "nvidia-dcgm-exporter", Image = "nvcr.io/nvidia/k8s/dcgm-exporter:4.2.3-4.1.3-ubuntu22.04" }] },
                Status = new V1PodStatus
                {
                    Phase = "Running",
                    PodIP = "127.0.0.1",
                    Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }],
                },
            });
        }
    }

    private string Page(string node)
    {
        var page = new StringBuilder();
        page.Append("# HELP DCGM_FI_DEV_GPU_UTIL GPU utilization (in %).\n# TYPE DCGM_FI_DEV_GPU_UTIL gauge\n");
        var holder = server.List<V1Pod>(DemoWorkload.Namespace).FirstOrDefault(p => p.Spec.NodeName == node && !Kubelet.IsPlaceholder(p) && p.Metadata.DeletionTimestamp is null);
        var container = holder is not null && kubelet.Containers.TryGetValue(holder.Metadata.Name, out var c) ? c : null;
        var labels = holder is null
            ? $"gpu=\"0\",UUID=\"GPU-{node}\",device=\"nvidia0\",modelName=\"NVIDIA A10G\",Hostname=\"{node}\",container=\"\",namespace=\"\",pod=\"\""
            : $"gpu=\"0\",UUID=\"GPU-{node}\",device=\"nvidia0\",modelName=\"NVIDIA A10G\",Hostname=\"{node}\",container=\"vllm\",namespace=\"{DemoWorkload.Namespace}\",pod=\"{holder.Metadata.Name}\"";
        var (util, active, framebuffer) = Load(container);
        page.Append(CultureInfo.InvariantCulture, $"DCGM_FI_DEV_GPU_UTIL{{{labels}}} {util:0}\n");
        page.Append("# HELP DCGM_FI_PROF_GR_ENGINE_ACTIVE Ratio of time the graphics engine is active.\n# TYPE DCGM_FI_PROF_GR_ENGINE_ACTIVE gauge\n");
        page.Append(CultureInfo.InvariantCulture, $"DCGM_FI_PROF_GR_ENGINE_ACTIVE{{{labels}}} {active:0.000000}\n");
        page.Append("# HELP DCGM_FI_DEV_FB_USED Framebuffer memory used (in MiB).\n# TYPE DCGM_FI_DEV_FB_USED gauge\n");
        page.Append(CultureInfo.InvariantCulture, $"DCGM_FI_DEV_FB_USED{{{labels}}} {framebuffer:0}\n");
        return page.ToString();
    }

    // A loading pod already holds its weights in GPU memory and does little compute; a serving one is as busy as its batch.
    private static (double Util, double Active, double FramebufferMiB) Load(EmulatedVllmPod? container)
    {
        if (container is null || container.State is EmulatedState.Stopped or EmulatedState.Created)
        {
            return (0, 0, 0);
        }

        if (container.State != EmulatedState.Ready)
        {
            return (3, 0.01, WeightsMiB);
        }

        var metrics = container.Observe();
        var busy = metrics.Running == 0 ? 0 : Math.Min(1.0, 0.35 + (0.65 * metrics.Running / 32.0));
        return (100 * busy, 0.9 * busy, WeightsMiB + (KvCacheMiB * metrics.KvCacheUsage) + 600);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
