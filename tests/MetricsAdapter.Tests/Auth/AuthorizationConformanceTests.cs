using System.Net;
using Autoscale.MetricsAdapter.Tests.Support;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.MetricsAdapter.Tests.Auth;

/// <summary>
/// The authorization conformance table (issue #12): for every route, spellings of its path (case, <c>%2A</c>,
/// <c>%2F</c>, doubled slashes, trailing slash, dot segments) and identity shapes (user, groups and extras holding
/// separators, a client certificate without a CN, system:masters, anonymous, a denied user), the SubjectAccessReview
/// the adapter sends, or its 401/403/404, is what an upstream aggregated API server would produce.
/// The expected attributes were written by hand from k8s.io/apiserver: pkg/endpoints/request/requestinfo.go
/// (<c>NewRequestInfo</c>: <c>splitPath</c> trims and splits <c>URL.Path</c>, which Go has fully unescaped, %2F
/// included; prefixes <c>api</c>/<c>apis</c> matched case-sensitively; <c>namespaces/{ns}/</c> shifts; no name +
/// get → list, or watch with <c>?watch</c>), pkg/authorization/authorizerfactory/delegating.go with
/// plugin/pkg/authorizer/webhook (the SAR spec: user, groups, extra, resource or non-resource attributes),
/// pkg/authorization/path (always-allow paths, non-resource only), pkg/authentication/request/x509
/// (<c>CommonNameUserConversion</c>: no CN, no user) and the filter order authentication (401) → authorization
/// (403) → routing (404). Where upstream would authorize an odd spelling (<c>/APIS/...</c> as a non-resource path)
/// the adapter sends that same review and then answers 404: no spelling reaches a metric handler it was not authorized for.
/// </summary>
public sealed class AuthorizationConformanceTests(AuthorizationConformanceTests.Cluster cluster) : IClassFixture<AuthorizationConformanceTests.Cluster>
{
    private const string Group = "custom.metrics.k8s.io";
    private const string Metric = "vllm_queue_depth";
    private const string Selector = "?labelSelector=app%3Dllama";

    /// <summary>Path → the attributes upstream derives (null: none, an always-allowed path) and the status once allowed.</summary>
    private static readonly Dictionary<string, (Attributes? Attributes, HttpStatusCode Allowed)> Paths = new()
    {
        // pods/*/metric: exact, then every spelling Go's URL.Path reads the same.
        ["/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth" + Selector] = (Resource("get", Group, "v1beta2", "llm", "pods", Metric, "*"), HttpStatusCode.OK),
        ["/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/%2A/vllm_queue_depth" + Selector] = (Resource("get", Group, "v1beta2", "llm", "pods", Metric, "*"), HttpStatusCode.OK),
        ["/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods%2F*%2Fvllm_queue_depth" + Selector] = (Resource("get", Group, "v1beta2", "llm", "pods", Metric, "*"), HttpStatusCode.OK),
        // A trailing slash: the same attributes (splitPath trims it), but no route has a sixth, empty segment.
        ["/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth/" + Selector] = (Resource("get", Group, "v1beta2", "llm", "pods", Metric, "*"), HttpStatusCode.NotFound),
        // A leading doubled slash: the same attributes, and no route (upstream's director matches "/apis" prefixes only).
        ["//apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth" + Selector] = (Resource("get", Group, "v1beta2", "llm", "pods", Metric, "*"), HttpStatusCode.NotFound),
        // Case: the prefix is not "apis", so a non-resource path; other segments are taken literally.
        ["/APIS/CUSTOM.METRICS.K8S.IO/v1beta2/namespaces/llm/pods/*/vllm_queue_depth" + Selector] = (NonResource("/APIS/CUSTOM.METRICS.K8S.IO/v1beta2/namespaces/llm/pods/*/vllm_queue_depth"), HttpStatusCode.NotFound),
        ["/apis/CUSTOM.METRICS.K8S.IO/v1beta2/namespaces/llm/pods/*/vllm_queue_depth"] = (Resource("get", "CUSTOM.METRICS.K8S.IO", "v1beta2", "llm", "pods", Metric, "*"), HttpStatusCode.NotFound),
        ["/apis/custom.metrics.k8s.io/V1BETA2/namespaces/llm/pods/*/vllm_queue_depth"] = (Resource("get", Group, "V1BETA2", "llm", "pods", Metric, "*"), HttpStatusCode.NotFound),
        ["/apis/custom.metrics.k8s.io/v1beta2/NAMESPACES/llm/pods/*/vllm_queue_depth"] = (Resource("get", Group, "v1beta2", "", "NAMESPACES", "pods", "llm"), HttpStatusCode.NotFound),
        // Doubled slash: an empty namespace segment, so "llm" becomes the resource.
        ["/apis/custom.metrics.k8s.io/v1beta2/namespaces//llm/pods/*/vllm_queue_depth"] = (Resource("get", Group, "v1beta2", "", "llm", "*", "pods"), HttpStatusCode.NotFound),
        // Dot segments are plain segments to upstream's splitPath.
        ["/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/../pods/*/vllm_queue_depth"] = (Resource("get", Group, "v1beta2", "llm", "pods", "pods", ".."), HttpStatusCode.NotFound),
        ["/apis/custom.metrics.k8s.io/v1beta2/namespaces/kube-system/../llm/pods/*/vllm_queue_depth"] = (Resource("get", Group, "v1beta2", "kube-system", "..", "pods", "llm"), HttpStatusCode.NotFound),
        ["/apis/custom.metrics.k8s.io/v1beta2/./namespaces/llm/pods/*/vllm_queue_depth"] = (Resource("get", Group, "v1beta2", "", ".", "llm", "namespaces"), HttpStatusCode.NotFound),
        // No name: list, or watch when asked.
        ["/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods?watch=true"] = (Resource("watch", Group, "v1beta2", "llm", "pods", "", ""), HttpStatusCode.NotFound),
        // Objects and the namespace's own metric.
        ["/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/deployments.apps/llama/vllm_queue_depth"] = (Resource("get", Group, "v1beta2", "llm", "deployments.apps", Metric, "llama"), HttpStatusCode.OK),
        ["/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/deployments.apps%2Fllama%2Fvllm_queue_depth"] = (Resource("get", Group, "v1beta2", "llm", "deployments.apps", Metric, "llama"), HttpStatusCode.OK),
        ["/apis/custom.metrics.k8s.io/v1beta1/namespaces/llm/metrics/vllm_queue_depth"] = (Resource("get", Group, "v1beta1", "llm", "metrics", "", Metric), HttpStatusCode.OK),
        // External metrics are not enabled here: authorized as upstream would, then not found.
        ["/apis/external.metrics.k8s.io/v1beta1/namespaces/llm/vllm_queue_depth"] = (Resource("list", "external.metrics.k8s.io", "v1beta1", "llm", Metric, "", ""), HttpStatusCode.NotFound),
        // Discovery and other non-resource paths: the SAR carries URL.Path as sent (trailing slash kept).
        ["/apis/custom.metrics.k8s.io/v1beta2"] = (NonResource("/apis/custom.metrics.k8s.io/v1beta2"), HttpStatusCode.OK),
        ["/apis/custom.metrics.k8s.io/v1beta2/"] = (NonResource("/apis/custom.metrics.k8s.io/v1beta2/"), HttpStatusCode.OK),
        ["/apis/Custom.Metrics.K8s.Io/v1beta2"] = (NonResource("/apis/Custom.Metrics.K8s.Io/v1beta2"), HttpStatusCode.NotFound),
        ["/apis/custom.metrics.k8s.io"] = (NonResource("/apis/custom.metrics.k8s.io"), HttpStatusCode.OK),
        ["/apis"] = (NonResource("/apis"), HttpStatusCode.OK),
        ["/APIS"] = (NonResource("/APIS"), HttpStatusCode.NotFound),
        ["/openapi/v2"] = (NonResource("/openapi/v2"), HttpStatusCode.OK),
        ["/OpenAPI/v2"] = (NonResource("/OpenAPI/v2"), HttpStatusCode.NotFound),
        ["/openapi/v2%2F..%2Fv3"] = (NonResource("/openapi/v2/../v3"), HttpStatusCode.NotFound),
        // Always-allowed paths match exactly; another spelling is an ordinary non-resource path.
        ["/healthz"] = (null, HttpStatusCode.OK),
        ["/HEALTHZ"] = (NonResource("/HEALTHZ"), HttpStatusCode.NotFound),
    };

    /// <summary>Identity → who upstream authenticates (null: nobody, so 401), and whether the SAR allows it.</summary>
    private static readonly Dictionary<string, (Func<Cluster, HttpClient> Client, Action<HttpRequestMessage> Headers, Subject? Subject)> Identities = new()
    {
        ["x509 CN=jane O=sre"] = (c => c.Adapter.Adapter.CreateClient(c.Adapter.Pki.ClientCertificate("jane", "sre")), _ => { }, new Subject("jane", ["sre", "system:authenticated"], [], Allowed: true)),
        ["x509 CN=mallory (denied)"] = (c => c.Adapter.Adapter.CreateClient(c.Adapter.Pki.ClientCertificate("mallory")), _ => { }, new Subject("mallory", ["system:authenticated"], [], Allowed: false)),
        ["x509 no CN, O=system:masters"] = (c => c.Adapter.Adapter.CreateClient(c.Adapter.Pki.ClientCertificate("", "system:masters")), _ => { }, null),
        ["token: groups team-a and x"] = (c => c.Adapter.Adapter.CreateClient(bearerToken: "two-groups"), _ => { }, new Subject("bob", ["team-a", "x", "system:authenticated"], [], Allowed: true)),
        ["token: group \"team-a,x\""] = (c => c.Adapter.Adapter.CreateClient(bearerToken: "comma-group"), _ => { }, new Subject("bob", ["team-a,x", "system:authenticated"], [], Allowed: true)),
        ["front proxy: user with extras holding separators"] = (
            c => c.Adapter.Adapter.CreateClient(c.Adapter.Pki.FrontProxyCertificate()),
            r =>
            {
                r.Headers.Add("X-Remote-User", "alice");
                r.Headers.Add("X-Remote-Group", "a;b=c");
                r.Headers.Add("X-Remote-Extra-Scopes", "read,write");
                r.Headers.Add("X-Remote-Extra-Acme.com%2Fteam", "x=y;z");
            },
            new Subject("alice", ["a;b=c", "system:authenticated"], [("acme.com/team", ["x=y;z"]), ("scopes", ["read,write"])], Allowed: true)),
        ["front proxy: system:masters"] = (
            c => c.Adapter.Adapter.CreateClient(c.Adapter.Pki.FrontProxyCertificate()),
            r =>
            {
                r.Headers.Add("X-Remote-User", "system:kube-aggregator");
                r.Headers.Add("X-Remote-Group", "system:masters");
            },
            new Subject("system:kube-aggregator", ["system:masters", "system:authenticated"], [], Allowed: true, Masters: true)),
        ["anonymous"] = (c => c.Adapter.Adapter.CreateClient(), _ => { }, null),
    };

    public static TheoryData<string, string> Table()
    {
        var data = new TheoryData<string, string>();
        foreach (var identity in Identities.Keys)
        {
            foreach (var path in Paths.Keys)
            {
                data.Add(identity, path);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Review_and_status_match_upstream(string identity, string path)
    {
        var (makeClient, headers, subject) = Identities[identity];
        var (attributes, allowedStatus) = Paths[path];
        cluster.Reviews.Clear();
        using var client = makeClient(cluster);
        using var request = RawRequest.Get(cluster.Adapter.Adapter.SecureUri, path);
        headers(request);

        using var response = await client.SendAsync(request);

        var expected = (subject, attributes) switch
        {
            (_, null) => allowedStatus,
            (null, _) => HttpStatusCode.Unauthorized,
            ({ Masters: true }, _) => allowedStatus,
            ({ Allowed: true }, _) => allowedStatus,
            _ => HttpStatusCode.Forbidden,
        };
        Assert.Equal(expected, response.StatusCode);
        var reviews = cluster.Reviews.ToArray();
        if (subject is null or { Masters: true } || attributes is null)
        {
            Assert.Empty(reviews);
            return;
        }

        var review = Assert.Single(reviews);
        Assert.Equal(subject.User, review.User);
        Assert.Equal(subject.Groups, review.Groups);
        Assert.Equal(
            subject.Extra.Select(e => $"{e.Key}={string.Join("|", e.Values)}"),
            (review.Extra ?? new Dictionary<string, IList<string>>()).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={string.Join("|", e.Value)}"));
        Assert.Equal(attributes, Attributes.Of(review));
    }

    private static Attributes Resource(string verb, string group, string version, string ns, string resource, string subresource, string name) =>
        new(verb, group, version, ns, resource, subresource, name, null);

    private static Attributes NonResource(string path) => new("get", null, null, null, null, null, null, path);

    private sealed record Subject(string User, string[] Groups, (string Key, string[] Values)[] Extra, bool Allowed, bool Masters = false);

    private sealed record Attributes(string Verb, string? Group, string? Version, string? Namespace, string? Resource, string? Subresource, string? Name, string? Path)
    {
        public static Attributes Of(V1SubjectAccessReviewSpec spec) => spec.ResourceAttributes is { } r
            ? new(r.Verb, r.Group, r.Version, r.NamespaceProperty, r.Resource, r.Subresource, r.Name, null)
            : new(spec.NonResourceAttributes.Verb, null, null, null, null, null, null, spec.NonResourceAttributes.Path);
    }

    /// <summary>One delegated adapter for the whole table, with authorization answers not cached so every request sends its review.</summary>
    public sealed class Cluster : IAsyncLifetime
    {
        internal ClusterAdapter Adapter { get; private set; } = null!;

        internal System.Collections.Concurrent.ConcurrentQueue<V1SubjectAccessReviewSpec> Reviews { get; } = new();

        public async Task InitializeAsync()
        {
            Adapter = await ClusterAdapter.StartAsync(TestFleet.Create(), new FakeTimeProvider(TestFleet.Now), configure: o => o with { AuthorizedCacheTtl = TimeSpan.Zero, UnauthorizedCacheTtl = TimeSpan.Zero });
            Adapter.Api.AddToken("two-groups", "bob", "team-a", "x");
            Adapter.Api.AddToken("comma-group", "bob", "team-a,x");
            Adapter.Api.AuthorizationPolicy = spec =>
            {
                if (spec.User != ClusterAdapter.AdapterUser)
                {
                    Reviews.Enqueue(spec);
                }

                return spec.User != "mallory";
            };
        }

        public async Task DisposeAsync() => await Adapter.DisposeAsync();
    }
}
