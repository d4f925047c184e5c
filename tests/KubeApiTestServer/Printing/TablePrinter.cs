using System.Globalization;
using System.Text.Json.Nodes;
using Autoscale.Testing.KubeApi.Catalog;
using Autoscale.Testing.KubeApi.Store;
using Microsoft.AspNetCore.Http;

namespace Autoscale.Testing.KubeApi.Printing;

/// <summary>
/// Server-side printing (meta.k8s.io/v1 Table), what <c>kubectl get</c> asks for with
/// <c>Accept: application/json;as=Table;v=v1;g=meta.k8s.io</c>: the columns of upstream's printers
/// (pkg/printers/internalversion/printers.go) for the kinds this product touches, Name and Age for the rest.
/// Columns with priority 1 appear with <c>-o wide</c>. Rows carry the object as <c>includeObject</c> asks (Metadata by default).
/// </summary>
internal static class TablePrinter
{
    private sealed record Column(string Name, string Type, int Priority, Func<JsonObject, DateTimeOffset, string> Cell);

    public static bool Wanted(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("as=Table", StringComparison.Ordinal));

    public static JsonObject Print(ResourceType type, IEnumerable<JsonObject> items, string resourceVersion, string? includeObject, DateTimeOffset now)
    {
        var columns = Columns(type);
        var definitions = new JsonArray();
        foreach (var column in columns)
        {
            definitions.Add(new JsonObject
            {
                ["name"] = column.Name, ["type"] = column.Type, ["format"] = column.Name == "Name" ? "name" : "", ["description"] = column.Name, ["priority"] = column.Priority,
            });
        }

        var rows = new JsonArray();
        foreach (var item in items)
        {
            var cells = new JsonArray();
            foreach (var column in columns)
            {
                cells.Add(column.Type == "integer" && long.TryParse(column.Cell(item, now), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? JsonValue.Create(n) : JsonValue.Create(column.Cell(item, now)));
            }

            var row = new JsonObject { ["cells"] = cells };
            row["object"] = includeObject switch
            {
                "None" => null,
                "Object" => item.DeepClone(),
                _ => new JsonObject { ["kind"] = "PartialObjectMetadata", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = item["metadata"]?.DeepClone() },
            };
            rows.Add(row);
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
            ["columnDefinitions"] = definitions,
            ["rows"] = rows,
        };
    }

    private static Column[] Columns(ResourceType type) => (type.Group, type.Resource) switch
    {
        ("", "pods") => [NameColumn, new("Ready", "string", 0, PodReady), new("Status", "string", 0, PodStatus), new("Restarts", "string", 0, PodRestarts), AgeColumn,
            new("IP", "string", 1, (o, _) => S(o["status"]?["podIP"]) ?? "<none>"), new("Node", "string", 1, (o, _) => S(o["spec"]?["nodeName"]) ?? "<none>"),
            new("Nominated Node", "string", 1, (o, _) => S(o["status"]?["nominatedNodeName"]) ?? "<none>"), new("Readiness Gates", "string", 1, (_, _) => "<none>")],
        ("autoscaling", "horizontalpodautoscalers") => [NameColumn,
            new("Reference", "string", 0, (o, _) => $"{S(o["spec"]?["scaleTargetRef"]?["kind"])}/{S(o["spec"]?["scaleTargetRef"]?["name"])}"),
            new("Targets", "string", 0, HpaTargets),
            new("MinPods", "string", 0, (o, _) => S(o["spec"]?["minReplicas"]) ?? "<unset>"),
            new("MaxPods", "integer", 0, (o, _) => S(o["spec"]?["maxReplicas"]) ?? "0"),
            new("Replicas", "integer", 0, (o, _) => S(o["status"]?["currentReplicas"]) ?? "0"), AgeColumn],
        ("apps", "deployments") => [NameColumn,
            new("Ready", "string", 0, (o, _) => $"{S(o["status"]?["readyReplicas"]) ?? "0"}/{S(o["spec"]?["replicas"]) ?? "1"}"),
            new("Up-to-date", "integer", 0, (o, _) => S(o["status"]?["updatedReplicas"]) ?? "0"),
            new("Available", "integer", 0, (o, _) => S(o["status"]?["availableReplicas"]) ?? "0"), AgeColumn],
        ("apiregistration.k8s.io", "apiservices") => [NameColumn, new("Service", "string", 0, ApiServiceService), new("Available", "string", 0, ApiServiceAvailable), AgeColumn],
        ("", "events") or ("events.k8s.io", "events") => [
            new("Last Seen", "string", 0, EventLastSeen), new("Type", "string", 0, (o, _) => S(o["type"]) ?? ""), new("Reason", "string", 0, (o, _) => S(o["reason"]) ?? ""),
            new("Object", "string", 0, (o, _) => $"{S(o["involvedObject"]?["kind"])?.ToLowerInvariant()}/{S(o["involvedObject"]?["name"])}"),
            new("Source", "string", 1, (o, _) => S(o["source"]?["component"]) ?? S(o["reportingComponent"]) ?? ""),
            new("Message", "string", 0, (o, _) => S(o["message"]) ?? ""), new("Count", "integer", 1, (o, _) => S(o["count"]) ?? "1"),
            new("Name", "string", 1, (o, _) => ObjectMeta.Name(o))],
        ("", "nodes") => [NameColumn, new("Status", "string", 0, NodeStatus), new("Roles", "string", 0, (_, _) => "<none>"), AgeColumn, new("Version", "string", 0, (_, _) => "v1.32.0")],
        _ => [NameColumn, AgeColumn],
    };

    private static readonly Column NameColumn = new("Name", "string", 0, (o, _) => ObjectMeta.Name(o));

    private static readonly Column AgeColumn = new("Age", "string", 0, (o, now) => Age(o["metadata"]?["creationTimestamp"], now));

    private static string Age(JsonNode? timestamp, DateTimeOffset now) =>
        S(timestamp) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? HumanDuration.Format(now - at) : "<unknown>";

    private static string? S(JsonNode? node) => node is JsonValue v ? v.ToString() : null;

    private static string PodReady(JsonObject pod, DateTimeOffset now)
    {
        var total = (pod["spec"]?["containers"] as JsonArray)?.Count ?? 0;
        var ready = (pod["status"]?["containerStatuses"] as JsonArray)?.Count(c => c?["ready"]?.GetValue<bool>() == true) ?? 0;
        return $"{ready}/{total}";
    }

    private static string PodRestarts(JsonObject pod, DateTimeOffset now) =>
        ((pod["status"]?["containerStatuses"] as JsonArray)?.Sum(c => c?["restartCount"]?.GetValue<int>() ?? 0) ?? 0).ToString(CultureInfo.InvariantCulture);

    // printPod: the phase, a waiting/terminated container's reason, "Terminating" once deleted.
    private static string PodStatus(JsonObject pod, DateTimeOffset now)
    {
        if (pod["metadata"]?["deletionTimestamp"] is not null)
        {
            return "Terminating";
        }

        var reason = S(pod["status"]?["reason"]) ?? S(pod["status"]?["phase"]) ?? "Unknown";
        foreach (var status in (pod["status"]?["containerStatuses"] as JsonArray) ?? [])
        {
            if (S(status?["state"]?["waiting"]?["reason"]) is { Length: > 0 } waiting)
            {
                return waiting;
            }
        }

        return reason == "Pending" && pod["spec"]?["nodeName"] is not null && pod["status"]?["containerStatuses"] is null ? "ContainerCreating" : reason;
    }

    // formatHPAMetrics (v1.30+): "name: current/target" per metric, two at most and "+ N more...".
    private static string HpaTargets(JsonObject hpa, DateTimeOffset now)
    {
        var specs = (hpa["spec"]?["metrics"] as JsonArray) ?? [];
        if (specs.Count == 0)
        {
            return "<none>";
        }

        var statuses = (hpa["status"]?["currentMetrics"] as JsonArray) ?? [];
        var list = new List<string>();
        for (var i = 0; i < specs.Count; i++)
        {
            var spec = specs[i]!;
            var key = S(spec["type"]) switch { "Pods" => "pods", "Object" => "object", "External" => "external", "Resource" => "resource", _ => "containerResource" };
            var source = spec[key];
            var target = source?["target"];
            var targetText = S(target?["averageValue"]) ?? S(target?["value"]) ?? (S(target?["averageUtilization"]) is { } u ? u + "%" : "<unset>");
            var current = i < statuses.Count ? statuses[i]?[key]?["current"] : null;
            var currentText = S(current?["averageValue"]) ?? S(current?["value"]) ?? (S(current?["averageUtilization"]) is { } cu ? cu + "%" : "<unknown>");
            var name = S(source?["metric"]?["name"]) ?? S(source?["name"]) ?? "";
            list.Add($"{name}: {currentText}/{targetText}");
        }

        return list.Count > 2 ? $"{list[0]}, {list[1]} + {list.Count - 2} more..." : string.Join(", ", list);
    }

    private static string ApiServiceService(JsonObject service, DateTimeOffset now) =>
        service["spec"]?["service"] is JsonObject s ? $"{S(s["namespace"])}/{S(s["name"])}" : "Local";

    private static string ApiServiceAvailable(JsonObject service, DateTimeOffset now)
    {
        var condition = (service["status"]?["conditions"] as JsonArray)?.FirstOrDefault(c => S(c?["type"]) == "Available");
        return condition is null ? "Unknown" : S(condition["status"]) == "True" ? "True" : $"{S(condition["status"])} ({S(condition["reason"])})";
    }

    private static string EventLastSeen(JsonObject evt, DateTimeOffset now)
    {
        var last = Age(evt["lastTimestamp"] ?? evt["eventTime"] ?? evt["metadata"]?["creationTimestamp"], now);
        var count = evt["count"] is JsonValue c ? c.GetValue<int>() : 1;
        return count > 1 ? $"{last} (x{count} over {Age(evt["firstTimestamp"], now)})" : last;
    }

    private static string NodeStatus(JsonObject node, DateTimeOffset now)
    {
        var ready = (node["status"]?["conditions"] as JsonArray)?.FirstOrDefault(c => S(c?["type"]) == "Ready");
        var status = S(ready?["status"]) == "True" ? "Ready" : "NotReady";
        return node["spec"]?["unschedulable"]?.GetValue<bool>() == true ? status + ",SchedulingDisabled" : status;
    }
}
