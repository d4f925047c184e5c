using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace Autoscale.Testing.KubeApi.Tests;

/// <summary>
/// The aggregator route: APIServices proxied to their Service with the front-proxy certificate and X-Remote-*
/// headers, and the Available condition written with kube-aggregator's reasons.
/// </summary>
public sealed class AggregatorTests : IAsyncLifetime
{
    private const string Group = "custom.metrics.k8s.io";
    private readonly X509Certificate2 _ca = Ca("backend-ca");
    private readonly X509Certificate2 _frontProxyCa = Ca("front-proxy-ca");
    private X509Certificate2 _proxyClient = null!;
    private WebApplication _backend = null!;
    private KubeApiTestServer _server = null!;
    private Uri _backendAddress = null!;

    public async Task InitializeAsync()
    {
        _proxyClient = Issue(_frontProxyCa, "CN=front-proxy-client", serverName: null);
        var serving = Issue(_ca, "CN=metrics", serverName: "metrics.monitoring.svc");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = serving,
            ClientCertificateMode = ClientCertificateMode.AllowCertificate,
            ClientCertificateValidation = (_, _, _) => true,
        })));
        _backend = builder.Build();
        // Echoes what the aggregator sent, so the test sees it as the extension API server would.
        _backend.MapFallback(async context =>
        {
            var cert = await context.Connection.GetClientCertificateAsync();
            await context.Response.WriteAsJsonAsync(new
            {
                path = context.Request.Path.Value + context.Request.QueryString.Value,
                user = context.Request.Headers["X-Remote-User"].ToString(),
                groups = context.Request.Headers["X-Remote-Group"].ToArray(),
                authorization = context.Request.Headers.Authorization.ToString(),
                client = cert?.Subject ?? "",
            });
        });
        await _backend.StartAsync();
        _backendAddress = new Uri(_backend.Urls.First());
        _server = await KubeApiTestServer.StartAsync(new KubeApiTestServerOptions { ProxyClientCertificate = _proxyClient });
        _server.AddToken("alice-token", "alice", "devs", "system:authenticated");
        _server.UpsertJson(ApiService(Convert.ToBase64String(Encoding.ASCII.GetBytes(_ca.ExportCertificatePem()))));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _backend.StopAsync();
        await _backend.DisposeAsync();
        _ca.Dispose();
        _frontProxyCa.Dispose();
        _proxyClient.Dispose();
    }

    [Fact]
    public async Task Availability_goes_ServiceNotFound_MissingEndpoints_Passed_with_upstreams_messages()
    {
        await _server.CheckApiServicesAsync();
        Assert.Equal(("False", "ServiceNotFound", "service/metrics in \"monitoring\" is not present"), Available());

        _server.Upsert(new V1Service { Metadata = new V1ObjectMeta { Name = "metrics", NamespaceProperty = "monitoring" } });
        await _server.CheckApiServicesAsync();
        Assert.Equal(("False", "MissingEndpoints", "endpoints for service/metrics in \"monitoring\" have no addresses with port name \"https\""), Available());

        _server.RouteService("monitoring", "metrics", _backendAddress);
        await _server.CheckApiServicesAsync();
        Assert.True(Available() == ("True", "Passed", "all checks passed"), Available().ToString());
    }

    [Fact]
    public async Task A_caBundle_that_does_not_sign_the_backend_fails_the_discovery_check()
    {
        using var other = Ca("other-ca");
        _server.UpsertJson(ApiService(Convert.ToBase64String(Encoding.ASCII.GetBytes(other.ExportCertificatePem()))));
        _server.Upsert(new V1Service { Metadata = new V1ObjectMeta { Name = "metrics", NamespaceProperty = "monitoring" } });
        _server.RouteService("monitoring", "metrics", _backendAddress);

        await _server.CheckApiServicesAsync();

        var (status, reason, message) = Available();
        Assert.Equal(("False", "FailedDiscoveryCheck"), (status, reason));
        Assert.StartsWith("failing or missing response from https://metrics.monitoring.svc:443/apis/custom.metrics.k8s.io/v1beta2: ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_available_apiservice_is_proxied_with_the_users_identity_in_headers_and_the_proxy_certificate()
    {
        _server.Upsert(new V1Service { Metadata = new V1ObjectMeta { Name = "metrics", NamespaceProperty = "monitoring" } });
        _server.RouteService("monitoring", "metrics", _backendAddress);
        await _server.CheckApiServicesAsync();
        using var client = _server.CreateClient("alice-token");

        using var response = await client.HttpClient.SendAsync(Get(client, "/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth?labelSelector=app%3Dvllm"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth?labelSelector=app%3Dvllm", (string?)echo["path"]);
        Assert.Equal("alice", (string?)echo["user"]);
        // HttpClient folds repeated headers into one comma-joined line; kube-apiserver sends one line per group.
        Assert.Equal(["devs", "system:authenticated"], echo["groups"]!.AsArray().SelectMany(g => ((string)g!).Split(", ")));
        Assert.Equal("", (string?)echo["authorization"]); // the caller's token stays with kube-apiserver
        Assert.Equal("CN=front-proxy-client", (string?)echo["client"]);
        Assert.Contains(_server.Requests, r => r is { ApiGroup: Group, Resource: "pods", Name: "*", Subresource: "vllm_queue_depth", User: "alice" });
    }

    [Fact]
    public async Task An_apiservice_that_is_not_available_answers_503_service_unavailable_and_stays_listed_in_discovery()
    {
        using var client = _server.CreateClient("alice-token");

        using var response = await client.HttpClient.SendAsync(Get(client, "/apis/custom.metrics.k8s.io/v1beta2"));
        using var groups = await client.HttpClient.SendAsync(Get(client, "/apis"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("service unavailable\n", await response.Content.ReadAsStringAsync());
        Assert.Contains(JsonNode.Parse(await groups.Content.ReadAsStringAsync())!["groups"]!.AsArray(), g => (string?)g!["name"] == Group);
    }

    private (string? Status, string? Reason, string? Message) Available()
    {
        var stored = _server.List<V1APIService>().Single(s => s.Metadata.Name == $"v1beta2.{Group}");
        var condition = stored.Status?.Conditions?.Single(c => c.Type == "Available");
        return (condition?.Status, condition?.Reason, condition?.Message);
    }

    private static HttpRequestMessage Get(k8s.Kubernetes client, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseUri, path.TrimStart('/')));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "alice-token");
        return request;
    }

    private static string ApiService(string caBundle) => $$"""
        {"apiVersion": "apiregistration.k8s.io/v1", "kind": "APIService", "metadata": {"name": "v1beta2.{{Group}}"},
         "spec": {"group": "{{Group}}", "version": "v1beta2", "service": {"namespace": "monitoring", "name": "metrics", "port": 443},
                  "caBundle": "{{caBundle}}", "groupPriorityMinimum": 100, "versionPriority": 200 }
         }
        """;

    private static X509Certificate2 Ca(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        var now = TimeProvider.System.GetUtcNow();
        using var ca = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(ca.Export(X509ContentType.Pkcs12), null);
    }

    private static X509Certificate2 Issue(X509Certificate2 issuer, string subject, string? serverName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        if (serverName is not null)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(serverName);
            request.CertificateExtensions.Add(names.Build());
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(serverName is null ? "1.3.6.1.5.5.7.3.2" : "1.3.6.1.5.5.7.3.1")], false));
        var now = TimeProvider.System.GetUtcNow();
        using var issued = request.Create(issuer, now.AddMinutes(-5), now.AddHours(12), RandomNumberGenerator.GetBytes(8));
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
