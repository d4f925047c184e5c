using System.Text;
using System.Text.Json;
using Autoscale.MetricsAdapter.Tls;
using Autoscale.Testing.KubeApi;
using k8s.Models;

namespace Autoscale.Demo.Cluster;

/// <summary>
/// The demo's cluster: the Kubernetes API test server on HTTPS, with the objects a real cluster would hold for this
/// product — the workload (Deployment, Service, HPA), GPU nodes, the placeholder PriorityClass, the adapter's
/// APIServices behind the aggregator, and the extension-apiserver-authentication ConfigMap kube-apiserver publishes.
/// </summary>
internal sealed class DemoCluster : IAsyncDisposable
{
    public const string AdminToken = "demo-admin-token";
    public const string AdapterToken = "demo-adapter-token";
    public const string ControllerToken = "demo-controller-token";
    public const string HpaControllerToken = "demo-hpa-controller-token";
    public const string AdapterNamespace = "autoscale";
    public const string AdapterService = "autoscale-metrics-adapter";
    public const string GpuNamespace = "gpu-operator";
    public const int GpuNodes = 8;

    private DemoCluster(KubeApiTestServer server) => Server = server;

    public KubeApiTestServer Server { get; }

    /// <summary>Where the aggregator finds the adapter: its in-cluster DNS name, which the serving certificate carries.</summary>
    public static string AdapterServerName => $"{AdapterService}.{AdapterNamespace}.svc";

    public static async Task<DemoCluster> StartAsync(DemoCredentials credentials, DemoOptions options, CancellationToken cancellationToken)
    {
        var server = await KubeApiTestServer.StartAsync(
            new KubeApiTestServerOptions
            {
                UseHttps = true,
                ProxyClientCertificate = credentials.ProxyClient,
                ApiServiceCheckInterval = options.KubeletInterval * 4,
                EnforceAuthorization = true,
                // Every identity of the demo is allowed everything except the one with no grant, which shows an RBAC 403.
                AuthorizationPolicy = review => review.User != NoGrantUser,
            },
            cancellationToken);
        var cluster = new DemoCluster(server);
        server.AddToken(AdminToken, DemoCredentials.User, DemoCredentials.Group, "system:masters", "system:authenticated");
        server.AddToken(AdapterToken, "system:serviceaccount:autoscale:autoscale-metrics-adapter", "system:serviceaccounts", "system:authenticated");
        server.AddToken(ControllerToken, "system:serviceaccount:autoscale:autoscale-scale-controller", "system:serviceaccounts", "system:authenticated");
        server.AddToken(HpaControllerToken, "system:serviceaccount:kube-system:horizontal-pod-autoscaler", "system:serviceaccounts", "system:authenticated");
        server.AddToken(NoGrantToken, NoGrantUser, "system:authenticated");
        cluster.Seed(credentials);
        return cluster;
    }

    /// <summary>A user the demo grants nothing (for the RBAC 403 the troubleshooting page shows).</summary>
    public const string NoGrantUser = "demo-no-grants";
    public const string NoGrantToken = "demo-no-grants-token";

    /// <summary>Points the adapter's Service at the adapter's port: the aggregator then proxies to it.</summary>
    public void RouteAdapter(Uri adapter) => Server.RouteService(AdapterNamespace, AdapterService, adapter);

    public string WriteKubeconfig(string path, string token = AdminToken)
    {
        Server.WriteKubeconfig(path, token);
        DemoCredentials.WritePrivate(path, File.ReadAllText(path).Replace("kubeapi-test", "autoscale-demo", StringComparison.Ordinal));
        return path;
    }

    private void Seed(DemoCredentials credentials)
    {
        foreach (var ns in new[] { "default", "kube-system", AdapterNamespace, DemoWorkload.Namespace, GpuNamespace })
        {
            Server.Upsert(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns }, Status = new V1NamespaceStatus { Phase = "Active" } });
        }

        Server.Upsert(AuthenticationConfigMap(credentials));
        Server.Upsert(new V1PriorityClass
        {
            Metadata = new V1ObjectMeta { Name = "autoscale-placeholder" },
            Value = -10,
            Description = "Placeholder pods that keep GPU nodes warm; any workload pod preempts them.",
        });
        for (var i = 0; i < GpuNodes; i++)
        {
            Server.Upsert(Node($"gpu-node-{i}"));
        }

        Server.Upsert(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = AdapterService, NamespaceProperty = AdapterNamespace },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "https", Port = 443, TargetPort = 6443 }], Selector = new Dictionary<string, string> { ["app"] = AdapterService } },
        });
        foreach (var version in new[] { "v1beta1", "v1beta2" })
        {
            Server.UpsertJson(ApiService(version, credentials));
        }

        Server.Upsert(Deployment());
        Server.Upsert(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = DemoWorkload.Name, NamespaceProperty = DemoWorkload.Namespace, Labels = DemoWorkload.Labels() },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "http", Port = 8000 }], Selector = new Dictionary<string, string> { ["app"] = DemoWorkload.Name } },
        });
        Server.Upsert(Hpa());
    }

    /// <summary>What kube-apiserver publishes for extension API servers: the client CA and the front-proxy settings.</summary>
    private static V1ConfigMap AuthenticationConfigMap(DemoCredentials credentials) => new()
    {
        Metadata = new V1ObjectMeta { Name = "extension-apiserver-authentication", NamespaceProperty = "kube-system" },
        Data = new Dictionary<string, string>
        {
            ["client-ca-file"] = CertificateFactory.CertificatePem(credentials.Ca),
            ["requestheader-client-ca-file"] = CertificateFactory.CertificatePem(credentials.FrontProxyCa),
            ["requestheader-allowed-names"] = JsonSerializer.Serialize(new[] { DemoCredentials.FrontProxyClient }),
            ["requestheader-username-headers"] = "[\"X-Remote-User\"]",
            ["requestheader-group-headers"] = "[\"X-Remote-Group\"]",
            ["requestheader-extra-headers-prefix"] = "[\"X-Remote-Extra-\"]",
        },
    };

    private static string ApiService(string version, DemoCredentials credentials) => $$"""
        {
          "apiVersion": "apiregistration.k8s.io/v1",
          "kind": "APIService",
          "metadata": {"name": "{{version}}.custom.metrics.k8s.io"},
          "spec": {
            "group": "custom.metrics.k8s.io",
            "version": "{{version}}",
            "service": {"namespace": "{{AdapterNamespace}}", "name": "{{AdapterService}}", "port": 443},
            "caBundle": "{{Convert.ToBase64String(Encoding.ASCII.GetBytes(CertificateFactory.CertificatePem(credentials.Ca)))}}",
            "groupPriorityMinimum": 100,
            "versionPriority": {{(version == "v1beta2" ? 200 : 100)}}
          }
        }
        """;

    private static V1Node Node(string name) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = name, ["nvidia.com/gpu.product"] = "NVIDIA-A10G" },
        },
        Status = new V1NodeStatus
        {
            Capacity = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new("1"), ["cpu"] = new("8") },
            Allocatable = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new("1"), ["cpu"] = new("8") },
            Conditions = [new V1NodeCondition { Type = "Ready", Status = "True", Reason = "KubeletReady", Message = "kubelet is posting ready status" }],
        },
    };

    private static V1Deployment Deployment() => new()
    {
        Metadata = new V1ObjectMeta { Name = DemoWorkload.Name, NamespaceProperty = DemoWorkload.Namespace, Labels = DemoWorkload.Labels() },
        Spec = new V1DeploymentSpec
        {
            Replicas = DemoWorkload.InitialReplicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = DemoWorkload.Name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = DemoWorkload.Labels() },
                Spec = new V1PodSpec
                {
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "vllm",
                            Image = DemoWorkload.Image,
                            Args = ["--model", DemoWorkload.Model],
                            Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8000 }],
                            Resources = new V1ResourceRequirements
                            {
                                Requests = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new("1"), ["cpu"] = new("4") },
                                Limits = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new("1") },
                            },
                        },
                    ],
                },
            },
        },
        Status = new V1DeploymentStatus { Replicas = 0 },
    };

    private static V2HorizontalPodAutoscaler Hpa() => new()
    {
        Metadata = new V1ObjectMeta { Name = DemoWorkload.Name, NamespaceProperty = DemoWorkload.Namespace },
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = DemoWorkload.Name },
            MinReplicas = DemoWorkload.MinReplicas,
            MaxReplicas = DemoWorkload.MaxReplicas,
            Metrics =
            [
                PodsMetric(DemoWorkload.QueueDepthMetric, DemoWorkload.QueueDepthTarget),
                PodsMetric(DemoWorkload.RunningMetric, DemoWorkload.RunningTarget),
            ],
        },
    };

    private static V2MetricSpec PodsMetric(string name, long averageValue) => new()
    {
        Type = "Pods",
        Pods = new V2PodsMetricSource
        {
            Metric = new V2MetricIdentifier { Name = name },
            Target = new V2MetricTarget { Type = "AverageValue", AverageValue = new ResourceQuantity(averageValue.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
        },
    };

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
