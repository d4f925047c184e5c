using System.Text.Json;

namespace Autoscale.Deploy.Tests;

internal sealed record SchemaReport(
    string ApiVersion, string Kind, string Namespace, string Name, string Schema, string Strict, IReadOnlyList<string> Errors)
{
    public string Key => $"{Kind} {Namespace}/{Name}";
}

/// <summary>
/// Runs validate-k8s.mjs (next to this file) under node: upstream OpenAPI schemas through kubernetes-models,
/// and an unknown-field check for built-in kinds. See the script's header for what each step covers.
/// </summary>
internal static class SchemaValidator
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static IReadOnlyList<SchemaReport> Validate(string yaml)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "validate-k8s.mjs");
        var result = Tool.Run("node", [script, Repo.NodeModules], stdin: yaml);
        var output = result.OrThrow("node validate-k8s.mjs");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<SchemaReport>(line, Json)!)
            .ToList();
    }
}
