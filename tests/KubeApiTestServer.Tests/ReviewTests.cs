using k8s;
using System.Net;
using k8s.Autorest;
using k8s.Models;

namespace Autoscale.Testing.KubeApi.Tests;

public sealed class ReviewTests
{
    [Fact]
    public async Task TokenReview_authenticates_registered_tokens_only()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        server.AddToken("hpa-token", "system:serviceaccount:kube-system:horizontal-pod-autoscaler", "system:serviceaccounts");
        using var client = server.CreateClient();

        var known = await client.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = "hpa-token" } });
        var unknown = await client.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = "forged" } });

        Assert.True(known.Status.Authenticated);
        Assert.Equal("system:serviceaccount:kube-system:horizontal-pod-autoscaler", known.Status.User.Username);
        Assert.Equal(["system:serviceaccounts", "system:authenticated"], known.Status.User.Groups);
        Assert.NotEqual(true, unknown.Status.Authenticated);
        Assert.Null(unknown.Status.User.Username);
    }

    [Fact]
    public async Task SubjectAccessReview_answers_from_the_policy_and_denies_by_default()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var client = server.CreateClient();
        var review = new V1SubjectAccessReview
        {
            Spec = new V1SubjectAccessReviewSpec
            {
                User = "system:anonymous",
                Groups = ["system:unauthenticated"],
                ResourceAttributes = new V1ResourceAttributes { Verb = "get", Group = "custom.metrics.k8s.io", Resource = "pods", Subresource = "vllm_num_requests_waiting", NamespaceProperty = "llm", Name = "*" },
            },
        };

        var denied = await client.AuthorizationV1.CreateSubjectAccessReviewAsync(review);
        server.AuthorizationPolicy = spec => spec.ResourceAttributes?.Group == "custom.metrics.k8s.io" && spec.ResourceAttributes.Verb == "get";
        var allowed = await client.AuthorizationV1.CreateSubjectAccessReviewAsync(review);

        Assert.False(denied.Status.Allowed);
        Assert.True(allowed.Status.Allowed);
        Assert.Equal("vllm_num_requests_waiting", allowed.Spec.ResourceAttributes.Subresource);
    }

    [Fact]
    public async Task SubjectAccessReview_policy_returning_null_fails_with_500()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        server.AuthorizationPolicy = _ => null;
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview
        {
            Spec = new V1SubjectAccessReviewSpec { User = "u", NonResourceAttributes = new V1NonResourceAttributes { Path = "/apis", Verb = "get" } },
        }));

        Assert.Equal(HttpStatusCode.InternalServerError, error.Response.StatusCode);
    }

    [Fact]
    public async Task Unknown_bearer_token_is_401_and_known_token_is_the_audited_identity()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        server.AddToken("adapter", "system:serviceaccount:autoscale:metrics-adapter", "system:serviceaccounts");
        using var known = server.CreateClient("adapter");
        using var forged = server.CreateClient("forged");

        await known.CoreV1.ListNamespacedPodAsync("llm");
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => forged.CoreV1.ListNamespacedPodAsync("llm"));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Response.StatusCode);
        Assert.Equal("system:serviceaccount:autoscale:metrics-adapter", server.Requests[0].User);
    }

    [Fact]
    public async Task Enforced_authorization_answers_403_with_the_real_message()
    {
        await using var server = await KubeApiTestServer.StartAsync(new KubeApiTestServerOptions
        {
            EnforceAuthorization = true,
            AuthorizationPolicy = spec => spec.ResourceAttributes is { Verb: "list", Resource: "pods" },
        });
        server.AddToken("t", "alice");
        using var client = server.CreateClient("t");

        await client.CoreV1.ListNamespacedPodAsync("llm");
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReadNamespacedPodAsync("a", "llm"));

        Assert.Equal(HttpStatusCode.Forbidden, error.Response.StatusCode);
        Assert.Contains("pods \\u0022a\\u0022 is forbidden: User \\u0022alice\\u0022 cannot get resource \\u0022pods\\u0022 in API group \\u0022\\u0022 in the namespace \\u0022llm\\u0022", error.Response.Content, StringComparison.Ordinal);
    }
}
