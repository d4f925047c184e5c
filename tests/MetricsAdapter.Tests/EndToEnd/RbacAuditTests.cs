using System.Globalization;
using Autoscale.MetricsAdapter.Auth;
using Autoscale.MetricsAdapter.Config;
using Autoscale.MetricsAdapter.Hosting;
using Autoscale.MetricsAdapter.Tests.Sources.Targets;
using Autoscale.MetricsAdapter.Tests.Support;
using Autoscale.MetricsAdapter.Tls;
using Autoscale.Testing.KubeApi;
using Autoscale.Testing.KubeApi.Rbac;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Autoscale.MetricsAdapter.Tests.EndToEnd;

/// <summary>
/// RBAC proven sufficient and minimal for the adapter: run it as `serve` runs it, with its ServiceAccount's token,
/// against the Kubernetes API test server (discovery, delegated authentication and authorization, the
/// authentication ConfigMap), record every request it makes, and compare with deploy/rbac.
/// </summary>
public sealed class RbacAuditTests
{
    private const string Token = "adapter-sa-token";
    private const string User = "system:serviceaccount:autoscale:autoscale-metrics-adapter";

    [Fact]
    public async Task Every_request_is_granted_by_deploy_rbac_and_every_grant_is_used()
    {
        using var pki = new TestPki();
        await using var api = await KubeApiTestServer.StartAsync();
        api.AddToken(Token, User, "system:serviceaccounts");
        api.AddToken("alice-token", "alice", "devs");
        api.AuthorizationPolicy = spec => spec.User is "alice" or "jane";
        api.Upsert(new V1Namespace { Metadata = new V1ObjectMeta { Name = "default" } });
        api.Upsert(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = CurrentAuthenticationSettings.ConfigMapName, NamespaceProperty = CurrentAuthenticationSettings.ConfigMapNamespace },
            Data = new Dictionary<string, string> { ["client-ca-file"] = CertificateFactory.CertificatePem(pki.ClientCa) },
        });
        var labels = new Dictionary<string, string> { ["app"] = "llama" };
        api.Upsert(Kube.Deployment("llm", "llama", labels));
        api.Upsert(Kube.Hpa("llm", "llama", "llama", Kube.PodsMetric("vllm_queue_depth")));
        api.Upsert(Kube.Pod("llm", "llama-0", labels, ip: "127.0.0.1", annotations: new Dictionary<string, string> { ["prometheus.io/port"] = "1" }));
        api.Upsert(new V1Service { Metadata = new V1ObjectMeta { Name = "llama", NamespaceProperty = "llm" }, Spec = new V1ServiceSpec { Selector = labels } });

        var options = new AdapterOptions
        {
            BindAddress = "127.0.0.1",
            SecurePort = 0,
            MetricsPort = -1,
            TlsCertFile = pki.ServingCertFile,
            TlsPrivateKeyFile = pki.ServingKeyFile,
            AuthorizationMode = AuthorizationMode.Delegated,
        };
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var app = ServeCommand.Build(options, new CurrentAdapterConfig(AdapterConfig.Default, registry), registry, api.CreateClient(Token), TimeProvider.System, l => l.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync();
        try
        {
            var secure = AdapterApp.BoundAddresses(app)[0];
            using var byCertificate = Client(secure, pki.ClientCertificate("jane"), null);
            using var byToken = Client(secure, null, "alice-token");
            await Eventually.TrueAsync(async () => (await byCertificate.GetAsync(new Uri("/apis/custom.metrics.k8s.io/v1beta2", UriKind.Relative))).IsSuccessStatusCode, Eventually.DefaultTimeout, "a client certificate is served");
            await Eventually.TrueAsync(async () => (await byToken.GetAsync(new Uri("/apis/custom.metrics.k8s.io/v1beta1", UriKind.Relative))).IsSuccessStatusCode, Eventually.DefaultTimeout, "a token is served");
            await Eventually.TrueAsync(() => api.Requests.Any(r => r.User == User && r.Resource == "services" && r.Verb == "watch"), "the adapter watches services");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        var rules = AdapterRules();
        var requests = api.Requests.Where(r => r.User == User).ToList();
        var denied = requests.Where(r => !r.IsResourceRequest || !rules.Any(rule => rule.Allows(r))).Select(r => r.ToString()).Distinct().ToList();
        Assert.Empty(denied);

        var used = requests.Select(r => $"{r.Verb} {r.ApiGroup}/{r.Resource}").Distinct().ToList();
        // Granted but unused, and not ours to trim: the built-in extension-apiserver-authentication-reader Role grants
        // get, list and watch on that ConfigMap; the adapter re-reads it with get every minute.
        string[] allowedUnused = ["list /configmaps", "watch /configmaps"];
        var unused = rules.SelectMany(r => r.Grants()).Distinct().Except(used).Except(allowedUnused).ToList();
        Assert.Empty(unused);
    }

    /// <summary>deploy/rbac's adapter ClusterRole plus the two built-in roles it binds (their rules from upstream's bootstrap policy).</summary>
    private static List<RbacRule> AdapterRules()
    {
        var rbac = Repo.Path("deploy", "rbac");
        Assert.Contains("name: system:auth-delegator", File.ReadAllText(Path.Combine(rbac, "adapter-auth-delegator.yaml")), StringComparison.Ordinal);
        Assert.Contains("name: extension-apiserver-authentication-reader", File.ReadAllText(Path.Combine(rbac, "adapter-auth-reader.yaml")), StringComparison.Ordinal);
        return
        [
            .. RbacRule.Load(rbac, "adapter-clusterrole.yaml"),
            // system:auth-delegator (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go)
            new(null, ["authentication.k8s.io"], ["tokenreviews"], ["create"], []),
            new(null, ["authorization.k8s.io"], ["subjectaccessreviews"], ["create"], []),
            // extension-apiserver-authentication-reader, a Role in kube-system (bootstrappolicy/namespace_policy.go)
            new("kube-system", [""], ["configmaps"], ["get", "list", "watch"], ["extension-apiserver-authentication"]),
        ];
    }

    private static HttpClient Client(Uri secure, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate, string? token)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        if (certificate is not null)
        {
            handler.SslOptions.ClientCertificates = [certificate];
        }

        var client = new HttpClient(handler) { BaseAddress = secure };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        return client;
    }
}
