using System.Text.Json.Nodes;

namespace Autoscale.Deploy.Tests;

/// <summary>The chart and the kustomize tree produce the same objects for matching inputs.</summary>
public sealed class ParityTests
{
    // kustomize input -> the chart values that should produce the same objects
    public static TheoryData<string, string> Pairs => new()
    {
        { ".", "" },
        { "overlays/external-metrics", "externalMetrics.enabled=true" },
        { "overlays/no-cert-manager", string.Join(';', Render.NoCertManager) },
        { "overlays/side-by-side", "apiService.enabled=false" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Same_kinds_namespaces_and_names(string kustomizeDir, string helmValues)
    {
        // The Namespace is made by `helm install --create-namespace`, so the chart does not render it.
        var fromKustomize = Render.Kustomize(kustomizeDir).Where(o => o.Kind != "Namespace").Select(o => o.Key).Order();
        // Hooks (the preflight) have no kustomize counterpart: with kubectl apply -k it is run by hand.
        var fromHelm = Render.Helm(RenderTests.Sets(helmValues)).Where(o => !o.IsHook).Select(o => o.Key).Order();
        Assert.Equal(fromKustomize, fromHelm);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Same_content_apart_from_labels(string kustomizeDir, string helmValues)
    {
        var helm = Render.Helm(RenderTests.Sets(helmValues)).ToDictionary(o => o.Key);
        foreach (var fromKustomize in Render.Kustomize(kustomizeDir).Where(o => o.Kind != "Namespace"))
        {
            var fromHelm = helm[fromKustomize.Key];
            if (helmValues.Contains("caBundle", StringComparison.Ordinal) && fromHelm.Kind == "APIService")
            {
                // The overlay leaves caBundle to generate-serving-cert.sh; the chart takes it as a value.
                ((JsonObject)fromHelm.Json["spec"]!).Remove("caBundle");
            }

            Assert.Equal(Normalized(fromKustomize), Normalized(fromHelm));
        }
    }

    [Fact]
    public void Monitoring_objects_match_the_chart()
    {
        var helm = Render.Helm("monitoring.prometheusRule.enabled=true", "monitoring.dashboard.enabled=true").ToDictionary(o => o.Key);
        foreach (var fromKustomize in Render.Kustomize("monitoring"))
        {
            Assert.Equal(Normalized(fromKustomize), Normalized(helm[fromKustomize.Key]));
        }
    }

    /// <summary>Drops what legitimately differs: labels (helm adds its own) and the chart's config checksum.</summary>
    private static string Normalized(KObject o)
    {
        var json = (JsonObject)o.Json.DeepClone();
        (json["metadata"] as JsonObject)?.Remove("labels");
        if (json["spec"]?["template"]?["metadata"] is JsonObject template)
        {
            template.Remove("labels");
            (template["annotations"] as JsonObject)?.Remove("checksum/config");
        }

        return Manifest.Canonical(Sorted(json));
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => KeyValuePair.Create(kv.Key, Sorted(kv.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        null => null,
        _ => JsonNode.Parse(node.ToJsonString()),
    };
}
