using System.Net;
using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Auth;
using Autoscale.MetricsAdapter.Tests.Support;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.MetricsAdapter.Tests.Auth;

/// <summary>
/// Issue #12 finding 2: the SubjectAccessReview cache key joined groups and extras with separators, so an identity
/// whose group or extra value held a separator reused another identity's cached "allow".
/// </summary>
public sealed class AuthorizationCacheKeyTests : IAsyncLifetime
{
    private const string PodsPath = "/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth?labelSelector=app%3Dllama";
    private readonly List<V1SubjectAccessReviewSpec> _reviews = [];
    private ClusterAdapter _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await ClusterAdapter.StartAsync(TestFleet.Create(), new FakeTimeProvider(TestFleet.Now));
        _cluster.Api.AuthorizationPolicy = spec =>
        {
            if (spec.User == ClusterAdapter.AdapterUser)
            {
                return true;
            }

            lock (_reviews)
            {
                _reviews.Add(spec);
            }

            // RBAC would bind group "x", or extra "c=d": only the identity that really has it is allowed.
            return spec.Groups.Contains("x") || (spec.Extra?.TryGetValue("c", out var c) == true && c.Contains("d"));
        };
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Groups_holding_a_separator_do_not_share_a_cache_entry()
    {
        // The authorizer itself, against the same API server: the identities differ only in how groups split.
        var authorizer = new SubjectAccessReviewAuthorizer(
            _cluster.Api.CreateClient(ClusterAdapter.AdapterToken), _cluster.Time, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        var request = RequestInfo.From("GET", "/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth")!;
        var empty = new Dictionary<string, IReadOnlyList<string>>();

        var first = await authorizer.AuthorizeAsync(new UserInfo("alice", null, ["team-a", "x"], empty), request, CancellationToken.None);
        var second = await authorizer.AuthorizeAsync(new UserInfo("alice", null, ["team-a,x"], empty), request, CancellationToken.None);
        var again = await authorizer.AuthorizeAsync(new UserInfo("alice", null, ["team-a", "x"], empty), request, CancellationToken.None);

        Assert.Equal((true, false, true), (first.Allowed, second.Allowed, again.Allowed));
        Assert.Equal("cache", again.Source);
        Assert.Equal([["team-a", "x"], ["team-a,x"]], _reviews.Select(r => r.Groups.ToArray()));
    }

    [Fact]
    public async Task Extras_holding_separators_do_not_share_a_cache_entry()
    {
        using var proxy = _cluster.Adapter.CreateClient(_cluster.Pki.FrontProxyCertificate());
        using var allowedRequest = Get();
        allowedRequest.Headers.Add("X-Remote-Extra-A", "b");
        allowedRequest.Headers.Add("X-Remote-Extra-C", "d");
        using var otherRequest = Get();
        otherRequest.Headers.Add("X-Remote-Extra-A", "b;c=d");

        using var first = await proxy.SendAsync(allowedRequest);
        using var second = await proxy.SendAsync(otherRequest);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Equal(2, _reviews.Count);
        Assert.Equal(["b;c=d"], _reviews[1].Extra["a"]);
    }

    private static HttpRequestMessage Get()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(PodsPath, UriKind.Relative));
        request.Headers.Add("X-Remote-User", "alice");
        return request;
    }
}
