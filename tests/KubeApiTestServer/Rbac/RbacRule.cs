using YamlDotNet.RepresentationModel;

namespace Autoscale.Testing.KubeApi.Rbac;

/// <summary>
/// One PolicyRule of a Role or ClusterRole, as deploy/rbac ships it, with RBAC's matching: a request is allowed when
/// group, resource (with subresource), verb, namespace (for a Role) and resourceNames (when listed) all match. Tests
/// compare the audit of what a program did (<see cref="KubeApiTestServer.Requests"/>) with these rules.
/// </summary>
public sealed record RbacRule(string? Namespace, IReadOnlyList<string> Groups, IReadOnlyList<string> Resources, IReadOnlyList<string> Verbs, IReadOnlyList<string> Names)
{
    /// <summary>The rules of Role/ClusterRole files under <paramref name="directory"/>.</summary>
    public static IReadOnlyList<RbacRule> Load(string directory, params string[] files)
    {
        var rules = new List<RbacRule>();
        foreach (var file in files)
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(Path.Combine(directory, file))));
            var root = (YamlMappingNode)stream.Documents[0].RootNode;
            var ns = root["kind"].ToString() == "Role" ? ((YamlMappingNode)root["metadata"])["namespace"].ToString() : null;
            foreach (var rule in ((YamlSequenceNode)root["rules"]).Cast<YamlMappingNode>())
            {
                rules.Add(new RbacRule(ns, List(rule, "apiGroups"), List(rule, "resources"), List(rule, "verbs"), List(rule, "resourceNames")));
            }
        }

        return rules;
    }

    public bool Allows(RecordedRequest r)
    {
        var resource = r.Subresource.Length > 0 ? $"{r.Resource}/{r.Subresource}" : r.Resource;
        return (Namespace is null || Namespace == r.Namespace)
            && Groups.Contains(r.ApiGroup) && Resources.Contains(resource) && Verbs.Contains(r.Verb)
            && (Names.Count == 0 || Names.Contains(r.Name));
    }

    /// <summary>Every (verb group/resource) this rule grants, for the "nothing unused" check.</summary>
    public IEnumerable<string> Grants() =>
        from g in Groups from res in Resources from v in Verbs select $"{v} {g}/{res}";

    private static List<string> List(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? [.. ((YamlSequenceNode)value).Select(v => v.ToString())] : [];
}
