using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Autoscale.Testing.KubeApi.Http;

/// <summary>Writes JSON bodies the way the API server does (application/json, one document).</summary>
internal static class JsonResponses
{
    public static async Task WriteAsync(HttpContext context, int statusCode, JsonNode body)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    public static Task WriteStatusAsync(HttpContext context, StatusException error) =>
        WriteAsync(context, error.Code, error.ToStatus());

    public static async Task<JsonNode> ReadBodyAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted)
                ?? throw StatusException.BadRequest("the request body is empty");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw StatusException.BadRequest($"the object provided is unrecognized: {e.Message}");
        }
    }
}
