using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Autoscale.MetricsAdapter.Catalog;
using Autoscale.MetricsAdapter.Sources.Definitions;

namespace Autoscale.MetricsAdapter.Api.OpenApi;

/// <summary>
/// Small, valid OpenAPI documents for what this server serves. The aggregator fetches <c>/openapi/v2</c> about every
/// minute (logging an error every minute when it is missing) and <c>/openapi/v3</c> plus each group-version document.
/// Built once; served with an ETag.
/// </summary>
internal sealed class OpenApiDocuments
{
    private readonly Dictionary<string, OpenApiDocument> _v3ByGroupVersion = new(StringComparer.Ordinal);

    /// <param name="catalog">Served metrics, listed in each document's <c>info.x-autoscale-metrics</c> with their source series.</param>
    public OpenApiDocuments(bool externalEnabled, MetricCatalog catalog)
    {
        Catalog = catalog;
        var info = Info(catalog);
        var groupVersions = new List<(string Group, string Version)>
        {
            ("custom.metrics.k8s.io", "v1beta1"),
            ("custom.metrics.k8s.io", "v1beta2"),
        };
        if (externalEnabled)
        {
            groupVersions.Add(("external.metrics.k8s.io", "v1beta1"));
        }

        var v2Paths = new JsonObject();
        var v2Definitions = new JsonObject();
        var v3Root = new JsonObject();
        foreach (var (group, version) in groupVersions)
        {
            var (paths, schemas) = Describe(group, version, refPrefix: "#/definitions/");
            foreach (var (k, v) in paths)
            {
                v2Paths[k] = v!.DeepClone();
            }

            foreach (var (k, v) in schemas)
            {
                v2Definitions[k] = v!.DeepClone();
            }

            var (paths3, schemas3) = Describe(group, version, refPrefix: "#/components/schemas/");
            var v3 = new JsonObject
            {
                ["openapi"] = "3.0.0",
                ["info"] = info.DeepClone(),
                ["paths"] = paths3,
                ["components"] = new JsonObject { ["schemas"] = schemas3 },
            };
            var document = OpenApiDocument.From(v3);
            var key = $"apis/{group}/{version}";
            _v3ByGroupVersion[key] = document;
            v3Root[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={document.ETag.Trim('"')}" };
        }

        V2 = OpenApiDocument.From(new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = info.DeepClone(),
            ["paths"] = v2Paths,
            ["definitions"] = v2Definitions,
        });
        V3Root = OpenApiDocument.From(new JsonObject { ["paths"] = v3Root });
    }

    public OpenApiDocument V2 { get; }

    public OpenApiDocument V3Root { get; }

    public OpenApiDocument? V3(string groupVersionPath) => _v3ByGroupVersion.GetValueOrDefault(groupVersionPath.Trim('/'));

    /// <summary>The catalog these documents were built from.</summary>
    public MetricCatalog Catalog { get; }

    /// <summary>Title and version, plus the catalog: each served metric, how it aggregates, and the exporter series it comes from.</summary>
    private static JsonObject Info(MetricCatalog catalog)
    {
        var metrics = new JsonArray();
        foreach (var d in catalog.Definitions)
        {
            var metric = new JsonObject
            {
                ["name"] = d.Name,
                ["kind"] = d.Kind.ToString(),
                ["podAggregation"] = d.PodAggregation.ToString(),
                ["objectAggregation"] = d.ObjectAggregation.ToString(),
                ["sourceSeries"] = new JsonArray([.. d.SourceSeries.Select(s => (JsonNode?)JsonValue.Create(s))]),
                ["description"] = d.Description,
            };
            if (d.Formula is { } formula)
            {
                // Derived at ingest: which formula, and each input's kind and series (first listed wins).
                metric["formula"] = formula.ToString();
                metric["inputs"] = new JsonArray([.. d.Inputs.Select(i => (JsonNode?)new JsonObject
                {
                    ["kind"] = i.Kind.ToString(),
                    ["sourceSeries"] = new JsonArray([.. i.SourceSeries.Select(s => (JsonNode?)JsonValue.Create(s))]),
                })]);
            }

            metrics.Add(metric);
        }

        return new JsonObject { ["title"] = "Autoscale metrics adapter", ["version"] = "1.0.0", ["x-autoscale-metrics"] = metrics };
    }

    private static (JsonObject Paths, JsonObject Schemas) Describe(string group, string version, string refPrefix)
    {
        var external = group.StartsWith("external", StringComparison.Ordinal);
        var package = external ? "external_metrics" : "custom_metrics";
        var listName = $"io.k8s.metrics.pkg.apis.{package}.{version}.{(external ? "ExternalMetricValueList" : "MetricValueList")}";
        var itemName = $"io.k8s.metrics.pkg.apis.{package}.{version}.{(external ? "ExternalMetricValue" : "MetricValue")}";
        var prefix = $"/apis/{group}/{version}";
        var paths = new JsonObject();
        var templates = external
            ? new[] { $"{prefix}/namespaces/{{namespace}}/{{metric}}" }
            : [$"{prefix}/{{resource}}/{{name}}/{{metric}}", $"{prefix}/namespaces/{{namespace}}/{{resource}}/{{name}}/{{metric}}", $"{prefix}/namespaces/{{namespace}}/metrics/{{metric}}"];
        foreach (var template in templates)
        {
            var parameters = new JsonArray();
            foreach (var name in template.Split('/').Where(s => s.StartsWith('{')).Select(s => s.Trim('{', '}')))
            {
                parameters.Add(new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["type"] = "string" });
            }

            parameters.Add(new JsonObject { ["name"] = "labelSelector", ["in"] = "query", ["type"] = "string" });
            if (!external)
            {
                parameters.Add(new JsonObject { ["name"] = "metricLabelSelector", ["in"] = "query", ["type"] = "string" });
            }

            if (refPrefix.StartsWith("#/components", StringComparison.Ordinal))
            {
                foreach (var p in parameters)
                {
                    var type = p!["type"]!.GetValue<string>();
                    p.AsObject().Remove("type");
                    p["schema"] = new JsonObject { ["type"] = type };
                }
            }

            var response = refPrefix.StartsWith("#/components", StringComparison.Ordinal)
                ? new JsonObject { ["description"] = "OK", ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = refPrefix + listName } } } }
                : new JsonObject { ["description"] = "OK", ["schema"] = new JsonObject { ["$ref"] = refPrefix + listName } };
            paths[template] = new JsonObject
            {
                ["get"] = new JsonObject
                {
                    ["operationId"] = $"get{(external ? "External" : "Custom")}Metric{version}{paths.Count}",
                    ["parameters"] = parameters,
                    ["responses"] = new JsonObject { ["200"] = response },
                },
            };
        }

        var str = () => new JsonObject { ["type"] = "string" };
        var item = external
            ? new JsonObject
            {
                ["metricName"] = str(),
                ["metricLabels"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = str() },
                ["timestamp"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
                ["window"] = new JsonObject { ["type"] = "integer", ["format"] = "int64" },
                ["value"] = str(),
            }
            : new JsonObject
            {
                ["describedObject"] = new JsonObject { ["type"] = "object" },
                [version == "v1beta1" ? "metricName" : "metric"] = version == "v1beta1" ? str() : new JsonObject { ["type"] = "object" },
                ["timestamp"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
                [version == "v1beta1" ? "window" : "windowSeconds"] = new JsonObject { ["type"] = "integer", ["format"] = "int64" },
                ["value"] = str(),
            };
        var schemas = new JsonObject
        {
            [itemName] = new JsonObject { ["type"] = "object", ["properties"] = item },
            [listName] = new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray("items"),
                ["properties"] = new JsonObject
                {
                    ["kind"] = str(),
                    ["apiVersion"] = str(),
                    ["metadata"] = new JsonObject { ["type"] = "object" },
                    ["items"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["$ref"] = refPrefix + itemName } },
                },
                ["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject
                {
                    ["group"] = group,
                    ["version"] = version,
                    ["kind"] = external ? "ExternalMetricValueList" : "MetricValueList",
                }),
            },
        };
        return (paths, schemas);
    }
}

/// <summary>A serialised document with its strong ETag.</summary>
internal sealed record OpenApiDocument(byte[] Utf8, string ETag)
{
    public static OpenApiDocument From(JsonNode node)
    {
        var bytes = Encoding.UTF8.GetBytes(node.ToJsonString());
        return new OpenApiDocument(bytes, $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"");
    }
}
