using Autoscale.Kubernetes.Yaml;
using YamlDotNet.RepresentationModel;

namespace Autoscale.ScaleController.Config;

/// <summary>Reads <c>workloads</c>: identity, HPA name, dry-run, and overrides layered on the defaults.</summary>
internal static class WorkloadReader
{
    public static IReadOnlyList<WorkloadConfig> ReadAll(YamlMap root, WorkloadPolicy defaults)
    {
        var result = new List<WorkloadConfig>();
        var seen = new Dictionary<WorkloadRef, string>();
        foreach (var (node, path) in root.Sequence("workloads") ?? [])
        {
            if (node is not YamlMappingNode mapping)
            {
                root.Errors.Add(path, "expected a mapping with namespace, name and overrides");
                continue;
            }

            if (Read(new YamlMap(mapping, path, root.Errors), defaults) is not { } workload)
            {
                continue;
            }

            if (seen.TryGetValue(workload.Workload, out var first))
            {
                root.Errors.Add(path, $"{workload.Workload.Kind} {workload.Workload} is already configured by {first}");
                continue;
            }

            seen.Add(workload.Workload, path);
            result.Add(workload);
        }

        return result;
    }

    private static WorkloadConfig? Read(YamlMap map, WorkloadPolicy defaults)
    {
        map.RejectUnknownKeys("namespace", "name", "kind", "apiVersion", "hpa", "dryRun", "coldStart", "scaleDown", "scaleUp", "warmPool", "planner");
        var complete = map.Require("namespace") & map.Require("name");
        var ns = Name(map, "namespace", "", subdomain: false);
        var name = Name(map, "name", "", subdomain: true);
        var hpa = Name(map, "hpa", name, subdomain: true);
        var kind = Kind(map);
        var dryRun = map.Bool("dryRun", false);
        var policy = PolicyReader.Read(map, defaults);
        PlannerReader.CheckComplete(map, policy.Planner);
        return complete && kind is not null
            ? new WorkloadConfig(new WorkloadRef(ns, name, kind), hpa, dryRun, policy)
            : null;
    }

    // kind defaults to Deployment; Deployment, StatefulSet and LeaderWorkerSet default their apiVersion, any other
    // kind (a CRD with a /scale subresource) needs one.
    private static WorkloadKind? Kind(YamlMap map)
    {
        var text = map.Scalar("kind");
        var apiVersion = map.Scalar("apiVersion");
        if (text is null)
        {
            if (apiVersion is not null)
            {
                map.Errors.Add(map.Child("kind"), $"is required with apiVersion \"{apiVersion}\"");
                return null;
            }

            return WorkloadKind.Deployment;
        }

        if (!WorkloadKind.IsValidKind(text))
        {
            map.Errors.Add(map.Child("kind"), $"\"{text}\" is not a valid kind (a Kind such as Deployment, StatefulSet or LeaderWorkerSet)");
            return null;
        }

        if (apiVersion is null)
        {
            if (WorkloadKind.Default(text) is { } known)
            {
                return known;
            }

            map.Errors.Add(map.Child("apiVersion"),
                $"is required for kind \"{text}\" (only {string.Join(", ", WorkloadKind.Defaulted.Select(k => $"{k.Kind} ({k.ApiVersion})"))} have a default)");
            return null;
        }

        if (WorkloadKind.From(apiVersion, text) is { } kind)
        {
            return kind;
        }

        map.Errors.Add(map.Child("apiVersion"), $"\"{apiVersion}\" is not a valid apiVersion (group/version such as leaderworkerset.x-k8s.io/v1, or v1 for the core group)");
        return null;
    }

    private static string Name(YamlMap map, string key, string fallback, bool subdomain)
    {
        var text = map.Scalar(key);
        if (text is null)
        {
            return fallback;
        }

        if (!Dns1123.IsValid(text, subdomain))
        {
            map.Errors.Add(map.Child(key), $"\"{text}\" is not a valid {(subdomain ? "object" : "namespace")} name (lowercase RFC 1123)");
        }

        return text;
    }
}
