using YamlDotNet.RepresentationModel;

namespace Autoscale.ScaleController.Tests.Controller;

/// <summary>The controller's Role/ClusterRole rules as deploy/rbac ships them, and an RBAC-style check of a request.</summary>
internal sealed record RbacRule(string? Namespace, IReadOnlyList<string> Groups, IReadOnlyList<string> Resources, IReadOnlyList<string> Verbs, IReadOnlyList<string> Names)
{
    public static IReadOnlyList<RbacRule> LoadController()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Autoscale.sln")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("repository root not found");
        }

        var rules = new List<RbacRule>();
        foreach (var file in new[] { "controller-clusterrole.yaml", "controller-placeholders-clusterrole.yaml", "controller-role.yaml" })
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(Path.Combine(dir, "deploy", "rbac", file))));
            var root = (YamlMappingNode)stream.Documents[0].RootNode;
            var kind = root["kind"].ToString();
            var ns = kind == "Role" ? ((YamlMappingNode)root["metadata"])["namespace"].ToString() : null;
            foreach (var rule in ((YamlSequenceNode)root["rules"]).Cast<YamlMappingNode>())
            {
                rules.Add(new RbacRule(ns, List(rule, "apiGroups"), List(rule, "resources"), List(rule, "verbs"), List(rule, "resourceNames")));
            }
        }

        return rules;
    }

    public bool Allows(Autoscale.Testing.KubeApi.RecordedRequest r)
    {
        var resource = r.Subresource.Length > 0 ? $"{r.Resource}/{r.Subresource}" : r.Resource;
        return (Namespace is null || Namespace == r.Namespace)
            && Groups.Contains(r.ApiGroup) && Resources.Contains(resource) && Verbs.Contains(r.Verb)
            && (Names.Count == 0 || Names.Contains(r.Name));
    }

    private static List<string> List(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? [.. ((YamlSequenceNode)value).Select(v => v.ToString())] : [];
}
