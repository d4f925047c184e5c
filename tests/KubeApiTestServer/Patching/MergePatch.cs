using System.Text.Json.Nodes;

namespace Autoscale.Testing.KubeApi.Patching;

/// <summary>RFC 7386 JSON merge patch; also how strategic merge and apply patches are approximated.</summary>
internal static class MergePatch
{
    /// <param name="removeNulls">False for apply, where a null means "no opinion" rather than "delete".</param>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch, bool removeNulls = true)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                if (removeNulls)
                {
                    result.Remove(key);
                }

                continue;
            }

            // Strategic merge patch directives have no meaning in a plain merge.
            if (key.StartsWith("$", StringComparison.Ordinal))
            {
                continue;
            }

            result[key] = Apply(result[key], value, removeNulls);
        }

        return result;
    }
}
