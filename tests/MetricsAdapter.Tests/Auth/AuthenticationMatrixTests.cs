using System.Net;
using System.Text.Json.Nodes;
using Autoscale.MetricsAdapter.Tests.Support;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.MetricsAdapter.Tests.Auth;

/// <summary>The authn/authz matrix of a delegated aggregated API server, against the Kubernetes API test server.</summary>
public sealed class AuthenticationMatrixTests : IAsyncLifetime
{
    private const string PodsPath = "/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth?labelSelector=app%3Dllama";
    private readonly List<V1SubjectAccessReviewSpec> _reviews = [];
    private ClusterAdapter _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await ClusterAdapter.StartAsync(TestFleet.Create(), new FakeTimeProvider(TestFleet.Now));
        _cluster.Api.AddToken("alice-token", "alice", "devs");
        _cluster.Api.AuthorizationPolicy = spec =>
        {
            lock (_reviews)
            {
                _reviews.Add(spec);
            }

            return spec.User switch
            {
                "alice" or "system:kube-aggregator" or "jane" => true,
                "broken" => null,
                _ => false,
            };
        };
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Front_proxy_certificate_with_headers_authenticates_the_original_user()
    {
        using var client = _cluster.Adapter.CreateClient(_cluster.Pki.FrontProxyCertificate());
        using var request = Get(PodsPath);
        request.Headers.Add("X-Remote-User", "alice");
        // One group per header line, as kube-apiserver sends them (HttpClient would comma-join several values into one line).
        request.Headers.Add("X-Remote-Group", "devs");
        request.Headers.Add("X-Remote-Extra-Scopes", "read");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var review = Assert.Single(_reviews);
        Assert.Equal("alice", review.User);
        Assert.Equal(["devs", "system:authenticated"], review.Groups);
        Assert.Equal(["read"], review.Extra["scopes"]);
        Assert.Equal(("llm", "get", "custom.metrics.k8s.io", "v1beta2", "pods", "vllm_queue_depth", "*"),
            (review.ResourceAttributes.NamespaceProperty, review.ResourceAttributes.Verb, review.ResourceAttributes.Group,
             review.ResourceAttributes.Version, review.ResourceAttributes.Resource, review.ResourceAttributes.Subresource, review.ResourceAttributes.Name));
    }

    [Fact]
    public async Task Spoofed_headers_without_a_front_proxy_certificate_are_ignored()
    {
        using var anonymous = _cluster.Adapter.CreateClient();
        using var spoofed = Get(PodsPath);
        spoofed.Headers.Add("X-Remote-User", "alice");
        using var rejected = await anonymous.SendAsync(spoofed);
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);

        // A valid client certificate of another user: the headers still do not count, the certificate does.
        using var bob = _cluster.Adapter.CreateClient(_cluster.Pki.ClientCertificate("bob", "devs"));
        using var asBob = Get(PodsPath);
        asBob.Headers.Add("X-Remote-User", "alice");
        using var forbidden = await bob.SendAsync(asBob);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("bob", Assert.Single(_reviews).User);
    }

    [Fact]
    public async Task Front_proxy_certificate_with_a_name_not_allowed_is_not_trusted()
    {
        using var client = _cluster.Adapter.CreateClient(_cluster.Pki.FrontProxyCertificate("intruder"));
        using var request = Get(PodsPath);
        request.Headers.Add("X-Remote-User", "alice");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_reviews);
    }

    [Fact]
    public async Task Client_certificate_gives_user_from_CN_and_groups_from_O()
    {
        using var client = _cluster.Adapter.CreateClient(_cluster.Pki.ClientCertificate("jane", "sre", "oncall"));
        using var response = await client.SendAsync(Get(PodsPath));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var review = Assert.Single(_reviews);
        Assert.Equal("jane", review.User);
        Assert.Equal(["sre", "oncall", "system:authenticated"], review.Groups);
    }

    [Fact]
    public async Task Bearer_token_goes_through_TokenReview_and_is_cached()
    {
        using var client = _cluster.Adapter.CreateClient(bearerToken: "alice-token");
        using var first = await client.SendAsync(Get(PodsPath));
        using var second = await client.SendAsync(Get(PodsPath.Replace("app%3Dllama", "app%3Dqwen", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(_cluster.Api.Requests, r => r.Resource == "tokenreviews");
    }

    [Fact]
    public async Task Unknown_bearer_token_is_401()
    {
        using var client = _cluster.Adapter.CreateClient(bearerToken: "forged");
        using var response = await client.SendAsync(Get(PodsPath));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Unauthorized", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["reason"]);
    }

    [Fact]
    public async Task SubjectAccessReview_denial_is_403_in_upstream_wording_and_cached()
    {
        using var client = _cluster.Adapter.CreateClient(_cluster.Pki.ClientCertificate("mallory"));
        using var first = await client.SendAsync(Get(PodsPath));
        using var second = await client.SendAsync(Get(PodsPath));

        Assert.Equal(HttpStatusCode.Forbidden, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        var status = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        Assert.Equal(
            "pods.custom.metrics.k8s.io \"*\" is forbidden: User \"mallory\" cannot get resource \"pods/vllm_queue_depth\" in API group \"custom.metrics.k8s.io\" in the namespace \"llm\"",
            (string?)status["message"]);
        Assert.Single(_reviews);
    }

    [Fact]
    public async Task SubjectAccessReview_failure_is_500_and_not_cached()
    {
        using var client = _cluster.Adapter.CreateClient(_cluster.Pki.ClientCertificate("broken"));
        using var first = await client.SendAsync(Get(PodsPath));
        using var second = await client.SendAsync(Get(PodsPath));

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal("InternalError", (string?)JsonNode.Parse(await first.Content.ReadAsStringAsync())!["reason"]);
        Assert.Equal(HttpStatusCode.InternalServerError, second.StatusCode);
        Assert.Equal(2, _reviews.Count);
    }

    [Fact]
    public async Task System_masters_bypass_authorization()
    {
        using var client = _cluster.Adapter.CreateClient(_cluster.Pki.FrontProxyCertificate());
        using var request = Get("/apis/custom.metrics.k8s.io/v1beta1");
        request.Headers.Add("X-Remote-User", "system:kube-aggregator");
        request.Headers.Add("X-Remote-Group", "system:masters");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_reviews);
    }

    [Theory]
    [InlineData("/healthz", HttpStatusCode.OK)]
    [InlineData("/livez", HttpStatusCode.OK)]
    [InlineData("/readyz", HttpStatusCode.OK)]
    [InlineData("/apis/custom.metrics.k8s.io/v1beta1", HttpStatusCode.Unauthorized)]
    [InlineData(PodsPath, HttpStatusCode.Unauthorized)]
    [InlineData("/openapi/v2", HttpStatusCode.Unauthorized)]
    public async Task Anonymous_gets_401_except_on_health_paths(string path, HttpStatusCode expected)
    {
        using var client = _cluster.Adapter.CreateClient();
        using var response = await client.SendAsync(Get(path));

        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(_reviews);
    }

    [Fact]
    public async Task Discovery_is_authorized_as_a_non_resource_request()
    {
        using var client = _cluster.Adapter.CreateClient(_cluster.Pki.ClientCertificate("jane"));
        using var response = await client.SendAsync(Get("/apis/custom.metrics.k8s.io/v1beta2"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var review = Assert.Single(_reviews);
        Assert.Null(review.ResourceAttributes);
        Assert.Equal(("/apis/custom.metrics.k8s.io/v1beta2", "get"), (review.NonResourceAttributes.Path, review.NonResourceAttributes.Verb));
    }

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, new Uri(path, UriKind.Relative));
}
