using System.Text.RegularExpressions;
using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Sources.Prometheus.Templates;

namespace Autoscale.MetricsAdapter.Sources.Prometheus.Rules;

/// <summary>
/// A rule's <c>resources</c>: which series label names which Kubernetes resource, by <c>overrides</c> first, then by
/// <c>template</c> (run forwards to name a resource's label, and as an anchored regex with <c>group</c>/<c>resource</c>
/// captures to read a label, as prometheus-adapter's resourceConverter does).
/// </summary>
internal sealed class ResourceMapping
{
    private readonly IReadOnlyDictionary<string, GroupResource> _overrides;
    private readonly QueryTemplate? _template;
    private readonly Regex? _labelRegex;

    public ResourceMapping(IReadOnlyDictionary<string, GroupResource> overrides, QueryTemplate? template, bool namespaced)
    {
        _overrides = overrides;
        _template = template;
        Namespaced = namespaced;
        if (template is not null)
        {
            _labelRegex = GoRegex.Compile("^" + template.Execute(new TemplateData { Group = "(?P<group>.+?)", Resource = "(?P<resource>.+?)" }) + "$");
        }
    }

    public static ResourceMapping None { get; } = new(new Dictionary<string, GroupResource>(), null, namespaced: true);

    /// <summary>Whether any label can name a resource (an override or a template).</summary>
    public bool HasAny => _overrides.Count > 0 || _template is not null;

    /// <summary>Whether an override names a namespaced resource (a template may name any, so it does not count here).</summary>
    public bool MapsNamespacedResource => _overrides.Values.Any(ResourceNames.IsNamespaced);

    /// <summary><c>resources.namespaced</c> (external rules): false keeps the HPA's namespace out of the matchers.</summary>
    public bool Namespaced { get; }

    /// <summary>The resource a series label names, or null.</summary>
    public GroupResource? ResourceFor(string label)
    {
        if (_overrides.TryGetValue(label, out var resource))
        {
            // Normalized again now: a CRD unknown when the config loaded may be known from discovery since.
            return ResourceNames.Normalize(resource.Resource, resource.Group) ?? resource;
        }

        if (_labelRegex?.Match(label) is not { Success: true } match)
        {
            return null;
        }

        var group = match.Groups["group"];
        return ResourceNames.Normalize(match.Groups["resource"].Value, group.Success ? group.Value : null);
    }

    /// <summary>The label that names <paramref name="resource"/>, or null when the rule maps none.</summary>
    public string? LabelFor(GroupResource resource)
    {
        foreach (var (label, mapped) in _overrides)
        {
            if (ResourceNames.SameResource(ResourceNames.Normalize(mapped.Resource, mapped.Group) ?? mapped, resource))
            {
                return label;
            }
        }

        // As upstream's GroupNameSanitizer: kube_<<.Group>>_<<.Resource>> names deployments.apps kube_apps_deployment.
        return _template?.Execute(new TemplateData { Group = resource.Group.Replace('.', '_').Replace('-', '_'), Resource = ResourceNames.Singular(resource) });
    }
}
