using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Sources.Targets;
using Autoscale.MetricsAdapter.Sources.Router;
using Autoscale.Kubernetes.Yaml;

namespace Autoscale.MetricsAdapter.Config;

/// <summary>
/// The <c>routers:</c> section: the routers in front of the models, whose demand is served on each model's scale
/// target (<see cref="RouterService"/>). Every mistake is reported with its path, like the rest of the file.
/// </summary>
internal static class RouterSection
{
    private const int MaxRouters = 64;
    private const int MaxModels = 256;

    public static IReadOnlyList<RouterEndpoint> Read(YamlMap root)
    {
        var errors = root.Errors;
        var list = root.Sequence("routers") ?? [];
        if (list.Count > MaxRouters)
        {
            errors.Add("routers", $"at most {MaxRouters} routers, got {list.Count}");
            return [];
        }

        var routers = new List<RouterEndpoint>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (node, path) in list)
        {
            if (node is not YamlDotNet.RepresentationModel.YamlMappingNode mapping)
            {
                errors.Add(path, "must be a mapping with name, kind, url, models and optionally bearerTokenFile");
                continue;
            }

            var m = new YamlMap(mapping, path, errors);
            m.RejectUnknownKeys("name", "kind", "url", "models", "bearerTokenFile");
            var name = m.Scalar("name");
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add(m.Child("name"), "is required");
            }
            else if (!names.Add(name))
            {
                errors.Add(m.Child("name"), $"'{name}' names another router too");
            }

            var kind = m.Choice("kind", "", "productionStack", "inferenceExtension");
            if (!m.Has("kind"))
            {
                errors.Add(m.Child("kind"), "is required: productionStack or inferenceExtension");
            }

            var url = ReadUrl(m);
            var token = m.Scalar("bearerTokenFile");
            if (token is not null && !Path.IsPathFullyQualified(token))
            {
                errors.Add(m.Child("bearerTokenFile"), $"must be an absolute path, e.g. /var/run/secrets/kubernetes.io/serviceaccount/token, got '{token}'");
            }

            var models = ReadModels(m);
            if (name is { Length: > 0 } && url is not null && kind.Length > 0 && models.Count > 0)
            {
                routers.Add(new RouterEndpoint(name, kind == "productionStack" ? RouterKind.ProductionStack : RouterKind.InferenceExtension, url, models, token));
            }
        }

        return routers;
    }

    private static Uri? ReadUrl(YamlMap m)
    {
        var text = m.Scalar("url");
        if (string.IsNullOrWhiteSpace(text))
        {
            m.Errors.Add(m.Child("url"), "is required: the router's metrics URL, e.g. http://vllm-router-service.default.svc/metrics");
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            m.Errors.Add(m.Child("url"), $"must be an absolute http or https URL, got '{text}'");
            return null;
        }

        return url;
    }

    private static List<RouterModel> ReadModels(YamlMap router)
    {
        var models = new List<RouterModel>();
        var path = router.Child("models");
        var list = router.Maps("models");
        if (list.Count == 0)
        {
            router.Errors.Add(path, "at least one model is required: model (the router's model name) and target (the object that scales for it)");
            return models;
        }

        if (list.Count > MaxModels)
        {
            router.Errors.Add(path, $"at most {MaxModels} models, got {list.Count}");
            return models;
        }

        var seen = new HashSet<(string, GroupResource, string, string)>();
        foreach (var m in list)
        {
            m.RejectUnknownKeys("model", "target");
            var model = m.Scalar("model");
            if (string.IsNullOrEmpty(model))
            {
                m.Errors.Add(m.Child("model"), "is required: the model name as the router labels it");
            }

            var target = ReadTarget(m.Map("target"), m.Child("target"), m.Errors);
            if (string.IsNullOrEmpty(model) || target is not { } t)
            {
                continue;
            }

            if (!seen.Add((model, t.Resource, t.Reference.Namespace, t.Reference.Name)))
            {
                m.Errors.Add(m.Path, $"model '{model}' is mapped to {t.Resource} {t.Reference.Namespace}/{t.Reference.Name} twice");
                continue;
            }

            models.Add(new RouterModel(model, t.Resource, t.Reference));
        }

        return models;
    }

    private static (GroupResource Resource, ObjectReference Reference)? ReadTarget(YamlMap? m, string path, YamlErrors errors)
    {
        if (m is null)
        {
            errors.Add(path, "is required: {namespace, name, kind (default Deployment), apiVersion (default apps/v1)}");
            return null;
        }

        m.RejectUnknownKeys("apiVersion", "kind", "namespace", "name");
        var ns = m.String("namespace", "");
        var name = m.String("name", "");
        var kind = m.String("kind", "Deployment");
        var apiVersion = m.String("apiVersion", "apps/v1");
        var ok = true;
        if (!IsDnsLabel(ns))
        {
            errors.Add(m.Child("namespace"), $"must be a namespace name (lower case letters, digits and '-', at most 63), got '{ns}'");
            ok = false;
        }

        if (name.Length is 0 or > 253 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.'))
        {
            errors.Add(m.Child("name"), $"must be an object name (lower case letters, digits, '-' and '.'), got '{name}'");
            ok = false;
        }

        if (kind.Length == 0 || !char.IsAsciiLetterUpper(kind[0]) || !kind.All(char.IsAsciiLetterOrDigit))
        {
            errors.Add(m.Child("kind"), $"must be a kind like Deployment, got '{kind}'");
            ok = false;
        }

        if (!ok)
        {
            return null;
        }

        return (DesiredReplicas.ResourceOf(apiVersion, kind), new ObjectReference(kind, ns, name, apiVersion));
    }

    private static bool IsDnsLabel(string name) =>
        name.Length is > 0 and <= 63
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && name[0] != '-'
        && name[^1] != '-';
}
