using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Http;

namespace Autoscale.Testing.KubeApi.Http;

/// <summary>TokenReview (from registered tokens) and SubjectAccessReview (from the test's policy).</summary>
internal static class ReviewHandler
{
    public static async Task TokenReviewAsync(HttpContext context, ServerState state)
    {
        var review = await JsonResponses.ReadBodyAsync(context) as JsonObject ?? throw StatusException.BadRequest("expected a TokenReview");
        var spec = review["spec"] as JsonObject ?? [];
        var token = spec["token"]?.ToString() ?? "";

        // As on the real server, a failed review omits "authenticated" and carries an empty user.
        var status = new JsonObject();
        if (state.Tokens.TryGetValue(token, out var user))
        {
            status["authenticated"] = true;
            var groups = new JsonArray(user.Groups.Append("system:authenticated").Distinct().Select(g => (JsonNode)g).ToArray());
            status["user"] = new JsonObject { ["username"] = user.Name, ["uid"] = user.Uid, ["groups"] = groups };
            if (spec["audiences"] is JsonArray audiences)
            {
                status["audiences"] = audiences.DeepClone();
            }
        }
        else
        {
            status["user"] = new JsonObject();
        }

        await JsonResponses.WriteAsync(context, 201, new JsonObject
        {
            ["kind"] = "TokenReview",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject { ["creationTimestamp"] = null },
            ["spec"] = spec.DeepClone(),
            ["status"] = status,
        });
    }

    public static async Task SubjectAccessReviewAsync(HttpContext context, ServerState state)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        var review = KubernetesJson.Deserialize<V1SubjectAccessReview>(text);
        if (review?.Spec is null || (review.Spec.ResourceAttributes is null && review.Spec.NonResourceAttributes is null))
        {
            throw new StatusException(422, "Invalid", "SubjectAccessReview.authorization.k8s.io \"\" is invalid: spec.resourceAttributes: Invalid value: \"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified");
        }

        var allowed = state.AuthorizationPolicy(review.Spec)
            ?? throw new StatusException(500, "InternalError", "Internal error occurred: authorization policy failed");
        var reply = JsonNode.Parse(text)!.AsObject();
        reply["metadata"] = new JsonObject { ["creationTimestamp"] = null };
        reply["status"] = new JsonObject { ["allowed"] = allowed };
        await JsonResponses.WriteAsync(context, 201, reply);
    }
}
