using Autoscale.MetricsAdapter.Preflight;
using Autoscale.Testing.KubeApi;
using k8s.Models;

namespace Autoscale.MetricsAdapter.Tests.Preflight;

/// <summary>
/// <c>--preflight</c> against a cluster (tests/KubeApiTestServer, through the real client and a kubeconfig file): it
/// refuses to take over an APIService that points at another service, passes our own or none.
/// </summary>
public sealed class PreflightCommandTests : IAsyncLifetime, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("adapter-preflight-").FullName;
    private KubeApiTestServer _cluster = null!;
    private string _kubeconfig = null!;

    public async Task InitializeAsync()
    {
        _cluster = await KubeApiTestServer.StartAsync();
        _cluster.AddToken("installer", "installer");
        _kubeconfig = _cluster.WriteKubeconfig(Path.Combine(_dir, "kubeconfig"), "installer");
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task No_APIService_yet_passes()
    {
        var (rc, output, errors) = await RunAsync();

        Assert.Equal(0, rc);
        Assert.Contains("preflight: v1beta1.custom.metrics.k8s.io: not registered: it will be created", output, StringComparison.Ordinal);
        Assert.Contains("preflight: v1beta2.custom.metrics.k8s.io: not registered: it will be created", output, StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Our_own_APIServices_pass_an_upgrade()
    {
        Register("v1beta1.custom.metrics.k8s.io", "autoscale", "autoscale-metrics-adapter");
        Register("v1beta2.custom.metrics.k8s.io", "autoscale", "autoscale-metrics-adapter");

        var (rc, output, _) = await RunAsync();

        Assert.Equal(0, rc);
        Assert.Contains("v1beta1.custom.metrics.k8s.io: already points at this adapter (autoscale/autoscale-metrics-adapter): kept", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prometheus_adapters_APIService_is_refused_with_exit_1()
    {
        Register("v1beta1.custom.metrics.k8s.io", "monitoring", "prometheus-adapter");

        var (rc, output, errors) = await RunAsync();

        Assert.Equal(1, rc);
        Assert.Contains("v1beta1.custom.metrics.k8s.io: points at service monitoring/prometheus-adapter (Available=True)", output, StringComparison.Ordinal);
        Assert.StartsWith("preflight: refusing to take over v1beta1.custom.metrics.k8s.io from monitoring/prometheus-adapter: ", errors, StringComparison.Ordinal);
        Assert.Contains("--allow-takeover", errors, StringComparison.Ordinal);
        Assert.Contains("docs/migrating-from-prometheus-adapter.md", errors, StringComparison.Ordinal);
        // Read-only: the foreign APIService is untouched.
        Assert.Equal("prometheus-adapter", _cluster.Get<V1APIService>(null, "v1beta1.custom.metrics.k8s.io")!.Spec.Service.Name);
    }

    [Fact]
    public async Task The_same_name_in_another_namespace_is_foreign()
    {
        Register("v1beta2.custom.metrics.k8s.io", "autoscale-old", "autoscale-metrics-adapter");

        var (rc, _, errors) = await RunAsync();

        Assert.Equal(1, rc);
        Assert.Contains("from autoscale-old/autoscale-metrics-adapter", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allow_takeover_reports_and_passes()
    {
        Register("v1beta1.custom.metrics.k8s.io", "monitoring", "prometheus-adapter");

        var (rc, output, errors) = await RunAsync("--allow-takeover");

        Assert.Equal(0, rc);
        Assert.Contains("preflight: taking over v1beta1.custom.metrics.k8s.io (--allow-takeover)", output, StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Another_service_in_the_chart_namespace_is_ours_when_named()
    {
        Register("v1beta1.custom.metrics.k8s.io", "ops", "autoscale-metrics-adapter");

        var (rc, _, _) = await RunAsync("--service=ops/autoscale-metrics-adapter");

        Assert.Equal(0, rc);
    }

    [Fact]
    public async Task KEDAs_external_APIService_is_checked_only_with_external_metrics()
    {
        Register("v1beta1.external.metrics.k8s.io", "keda", "keda-operator-metrics-apiserver");

        var (without, _, _) = await RunAsync();
        var (with, _, errors) = await RunAsync("--enable-external-metrics");

        Assert.Equal(0, without);
        Assert.Equal(1, with);
        Assert.Contains("refusing to take over v1beta1.external.metrics.k8s.io from keda/keda-operator-metrics-apiserver", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_APIService_without_a_service_is_refused()
    {
        _cluster.Upsert(new V1APIService
        {
            Metadata = new V1ObjectMeta { Name = "v1beta2.custom.metrics.k8s.io" },
            Spec = new V1APIServiceSpec { Group = "custom.metrics.k8s.io", Version = "v1beta2", GroupPriorityMinimum = 100, VersionPriority = 200 },
        });

        var (rc, output, errors) = await RunAsync();

        Assert.Equal(1, rc);
        Assert.Contains("served by the kube-apiserver itself", output, StringComparison.Ordinal);
        Assert.Contains("from the kube-apiserver", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_cluster_exits_3_and_says_why()
    {
        _cluster.InjectFaults(r => r.Path.Contains("apiservices", StringComparison.Ordinal) ? new InjectedFault(403) : null);

        var (rc, _, errors) = await RunAsync();

        Assert.Equal(3, rc);
        Assert.StartsWith("preflight: cannot read APIService v1beta2.custom.metrics.k8s.io: 403", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unusable_kubeconfig_exits_3_and_says_why()
    {
        var path = Path.Combine(_dir, "no-user");
        await File.WriteAllTextAsync(path, """
            apiVersion: v1
            kind: Config
            clusters: [{ name: c, cluster: { server: "https://127.0.0.1:1" } }]
            contexts: [{ name: c, context: { cluster: c, user: u } }]
            current-context: c
            users: [{ name: u, user: {} }]
            """);
        var errors = new StringWriter();

        var rc = await PreflightCommand.RunAsync(["--preflight", $"--kubeconfig={path}"], TextWriter.Null, errors);

        Assert.Equal(3, rc);
        Assert.StartsWith($"preflight: cannot use the kubeconfig {path}: ", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_flags_are_usage_errors()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => RunAsync("--service=nonamespace"));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => RunAsync("--takeover"));
    }

    private void Register(string name, string ns, string service)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        _cluster.Upsert(new V1APIService
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1APIServiceSpec
            {
                Group = name[(dot + 1)..],
                Version = name[..dot],
                GroupPriorityMinimum = 100,
                VersionPriority = 100,
                Service = new Apiregistrationv1ServiceReference { NamespaceProperty = ns, Name = service, Port = 443 },
            },
            Status = new V1APIServiceStatus { Conditions = [new V1APIServiceCondition { Type = "Available", Status = "True" }] },
        });
    }

    private async Task<(int Rc, string Output, string Errors)> RunAsync(params string[] flags)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var rc = await PreflightCommand.RunAsync(["--preflight", $"--kubeconfig={_kubeconfig}", .. flags], output, errors);
        return (rc, output.ToString(), errors.ToString());
    }
}
