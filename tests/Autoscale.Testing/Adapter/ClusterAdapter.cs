using Autoscale.MetricsAdapter.Auth;
using Autoscale.MetricsAdapter.Hosting;
using Autoscale.MetricsAdapter.Store;
using Autoscale.MetricsAdapter.Tls;
using Autoscale.Testing.KubeApi;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.Testing.Adapter;

/// <summary>
/// The adapter as it runs in a cluster: delegated authentication and authorization against the Kubernetes API test
/// server (TokenReview, SubjectAccessReview, and the extension-apiserver-authentication ConfigMap read with the real
/// KubernetesClient), with the front-proxy CA published in that ConfigMap as kube-apiserver does.
/// </summary>
internal sealed class ClusterAdapter : IAsyncDisposable
{
    public const string AdapterToken = "adapter-sa-token";
    public const string AdapterUser = "system:serviceaccount:autoscale:autoscale-metrics-adapter";

    private ClusterAdapter(TestPki pki, KubeApiTestServer api, RunningAdapter adapter, FakeTimeProvider time)
    {
        Pki = pki;
        Api = api;
        Adapter = adapter;
        Time = time;
    }

    public TestPki Pki { get; }

    public KubeApiTestServer Api { get; }

    public RunningAdapter Adapter { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>Serves <paramref name="store"/> on <paramref name="time"/>; ready once the ConfigMap was read.</summary>
    public static async Task<ClusterAdapter> StartAsync(
        MetricStore store, FakeTimeProvider time, IReadOnlyList<string>? allowedNames = null, Func<AdapterOptions, AdapterOptions>? configure = null)
    {
        var pki = new TestPki();
        var api = await KubeApiTestServer.StartAsync();
        api.AddToken(AdapterToken, AdapterUser, "system:serviceaccounts");
        api.Upsert(new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = CurrentAuthenticationSettings.ConfigMapName, NamespaceProperty = CurrentAuthenticationSettings.ConfigMapNamespace },
            Data = new Dictionary<string, string>
            {
                ["client-ca-file"] = CertificateFactory.CertificatePem(pki.ClientCa),
                ["requestheader-client-ca-file"] = CertificateFactory.CertificatePem(pki.FrontProxyCa),
                ["requestheader-allowed-names"] = System.Text.Json.JsonSerializer.Serialize(allowedNames ?? ["front-proxy-client"]),
                ["requestheader-username-headers"] = "[\"X-Remote-User\"]",
                ["requestheader-group-headers"] = "[\"X-Remote-Group\"]",
                ["requestheader-extra-headers-prefix"] = "[\"X-Remote-Extra-\"]",
            },
        });
        var adapter = await RunningAdapter.StartAsync(
            pki,
            store,
            time,
            o =>
            {
                var delegated = o with
                {
                    Authentication = new AuthenticationFlags(),
                    AuthorizationMode = AuthorizationMode.Delegated,
                };
                return configure?.Invoke(delegated) ?? delegated;
            },
            api.CreateClient(AdapterToken));
        var ready = new ClusterAdapter(pki, api, adapter, time);
        await ready.WaitUntilReadyAsync();
        return ready;
    }

    /// <summary>Ready means the ConfigMap was read: poll /readyz (always allowed, also anonymously).</summary>
    private async Task WaitUntilReadyAsync()
    {
        using var client = Adapter.CreateClient();
        await Eventually.TrueAsync(
            async () =>
            {
                using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
                return response.IsSuccessStatusCode;
            },
            TimeSpan.FromSeconds(5),
            "the adapter became ready");
    }

    public async ValueTask DisposeAsync()
    {
        await Adapter.DisposeAsync();
        await Api.DisposeAsync();
        Pki.Dispose();
    }
}
