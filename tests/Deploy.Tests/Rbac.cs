using System.Text.Json.Nodes;

namespace Autoscale.Deploy.Tests;

/// <summary>One permission: Scope is a namespace, or "*" for cluster-wide. Name is null when any name is allowed.</summary>
internal sealed record Grant(string Scope, string Group, string Resource, string Verb, string? Name)
{
    public override string ToString() =>
        $"{(Scope == "*" ? "cluster" : Scope)}: {Verb} {(Group == "" ? "core" : Group)}/{Resource}{(Name is null ? "" : "/" + Name)}";
}

/// <summary>
/// Resolves what each ServiceAccount may do from rendered RBAC objects: bindings -> roles -> rules,
/// flattened to one Grant per (scope, group, resource, verb, name). Built-in roles bound by deploy/rbac
/// are described here from Kubernetes' bootstrap policy.
/// </summary>
internal static class Rbac
{
    private static readonly Dictionary<string, Grant[]> BuiltInClusterRoles = new()
    {
        ["system:auth-delegator"] =
        [
            new("*", "authentication.k8s.io", "tokenreviews", "create", null),
            new("*", "authorization.k8s.io", "subjectaccessreviews", "create", null),
        ],
    };

    private static readonly Dictionary<(string Namespace, string Name), Grant[]> BuiltInRoles = new()
    {
        [("kube-system", "extension-apiserver-authentication-reader")] =
        [
            new("kube-system", "", "configmaps", "get", "extension-apiserver-authentication"),
            new("kube-system", "", "configmaps", "list", "extension-apiserver-authentication"),
            new("kube-system", "", "configmaps", "watch", "extension-apiserver-authentication"),
        ],
    };

    /// <summary>Every grant of ServiceAccount namespace/name.</summary>
    public static IReadOnlySet<Grant> For(IReadOnlyList<KObject> objects, string serviceAccountNamespace, string serviceAccount)
    {
        var grants = new HashSet<Grant>();
        foreach (var binding in objects.Where(o => o.Kind is "ClusterRoleBinding" or "RoleBinding"))
        {
            var bound = ((JsonArray)binding["subjects"]!).Any(s =>
                (string?)s!["kind"] == "ServiceAccount" && (string?)s["name"] == serviceAccount
                && (string?)s["namespace"] == serviceAccountNamespace);
            if (!bound)
            {
                continue;
            }

            var scope = binding.Kind == "ClusterRoleBinding" ? "*" : binding.Namespace;
            grants.UnionWith(RoleGrants(objects, binding, scope));
        }

        return grants;
    }

    /// <summary>Rules of a rendered Role/ClusterRole, flattened, in the given scope.</summary>
    public static IEnumerable<Grant> Flatten(KObject role, string scope)
    {
        foreach (var rule in (JsonArray)role["rules"]!)
        {
            var names = rule!["resourceNames"] is JsonArray n ? n.Select(x => (string?)x).ToArray() : [null];
            foreach (var group in (JsonArray)rule["apiGroups"]!)
            foreach (var resource in (JsonArray)rule["resources"]!)
            foreach (var verb in (JsonArray)rule["verbs"]!)
            foreach (var name in names)
            {
                yield return new Grant(scope, (string)group!, (string)resource!, (string)verb!, name);
            }
        }
    }

    private static IEnumerable<Grant> RoleGrants(IReadOnlyList<KObject> objects, KObject binding, string scope)
    {
        var kind = (string)binding["roleRef.kind"]!;
        var name = (string)binding["roleRef.name"]!;
        if (kind == "ClusterRole")
        {
            var role = objects.SingleOrDefault(o => o.Kind == "ClusterRole" && o.Name == name);
            if (role is not null)
            {
                return Flatten(role, scope);
            }

            return BuiltInClusterRoles.TryGetValue(name, out var builtIn)
                ? builtIn.Select(g => g with { Scope = scope })
                : throw new InvalidOperationException($"{binding.Key} refers to unknown ClusterRole {name}");
        }

        var local = objects.SingleOrDefault(o => o.Kind == "Role" && o.Name == name && o.Namespace == binding.Namespace);
        if (local is not null)
        {
            return Flatten(local, scope);
        }

        return BuiltInRoles.TryGetValue((binding.Namespace, name), out var builtInRole)
            ? builtInRole
            : throw new InvalidOperationException($"{binding.Key} refers to unknown Role {binding.Namespace}/{name}");
    }
}
