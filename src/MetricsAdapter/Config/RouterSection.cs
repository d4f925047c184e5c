using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Sources.Discovery;
using Autoscale.MetricsAdapter.Sources.Router;
using YamlDotNet.RepresentationModel;

namespace Autoscale.MetricsAdapter.Config;

/// <summary>
/// The <c>routers:</c> section: the routers in front of the models, whose demand is served on each model's scale
/// target (<see cref="RouterService"/>). Every mistake is reported with its path, like the rest of the file.
/// </summary>
internal static class RouterSection
{
    private const int MaxRouters = 64;
    private const int MaxModels = 256;

    public static IReadOnlyList<RouterEndpoint> Read(YamlFields f, IReadOnlyList<YamlNode> list)
    {
        if (list.Count > MaxRouters)
        {
            f.Error("routers", $"at most {MaxRouters} routers, got {list.Count}");
            return [];
        }

        var routers = new List<RouterEndpoint>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"routers[{i}]";
            var m = f.Mapping(list[i], path, "name", "kind", "url", "models", "bearerTokenFile");
            if (m is null)
            {
                f.Error(path, "must be a mapping with name, kind, url, models and optionally bearerTokenFile");
                continue;
            }

            var name = f.String(m, "name", path);
            if (string.IsNullOrWhiteSpace(name))
            {
                f.Error(YamlFields.Join(path, "name"), "is required");
            }
            else if (!names.Add(name))
            {
                f.Error(YamlFields.Join(path, "name"), $"'{name}' names another router too");
            }

            var kind = f.Choice(m, "kind", path, "", "productionStack", "inferenceExtension");
            if (YamlFields.Child(m, "kind") is null)
            {
                f.Error(YamlFields.Join(path, "kind"), "is required: productionStack or inferenceExtension");
            }

            var url = ReadUrl(f, m, path);
            var token = f.String(m, "bearerTokenFile", path);
            if (token is not null && !Path.IsPathFullyQualified(token))
            {
                f.Error(YamlFields.Join(path, "bearerTokenFile"), $"must be an absolute path, e.g. /var/run/secrets/kubernetes.io/serviceaccount/token, got '{token}'");
            }

            var models = ReadModels(f, f.Sequence(m, "models", path), YamlFields.Join(path, "models"));
            if (name is { Length: > 0 } && url is not null && kind.Length > 0 && models.Count > 0)
            {
                routers.Add(new RouterEndpoint(name, kind == "productionStack" ? RouterKind.ProductionStack : RouterKind.InferenceExtension, url, models, token));
            }
        }

        return routers;
    }

    private static Uri? ReadUrl(YamlFields f, YamlMappingNode m, string path)
    {
        var text = f.String(m, "url", path);
        if (string.IsNullOrWhiteSpace(text))
        {
            f.Error(YamlFields.Join(path, "url"), "is required: the router's metrics URL, e.g. http://vllm-router-service.default.svc/metrics");
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            f.Error(YamlFields.Join(path, "url"), $"must be an absolute http or https URL, got '{text}'");
            return null;
        }

        return url;
    }

    private static List<RouterModel> ReadModels(YamlFields f, IReadOnlyList<YamlNode> list, string path)
    {
        var models = new List<RouterModel>();
        if (list.Count == 0)
        {
            f.Error(path, "at least one model is required: model (the router's model name) and target (the object that scales for it)");
            return models;
        }

        if (list.Count > MaxModels)
        {
            f.Error(path, $"at most {MaxModels} models, got {list.Count}");
            return models;
        }

        var seen = new HashSet<(string, GroupResource, string, string)>();
        for (var i = 0; i < list.Count; i++)
        {
            var at = $"{path}[{i}]";
            var m = f.Mapping(list[i], at, "model", "target");
            var model = f.String(m, "model", at);
            if (string.IsNullOrEmpty(model))
            {
                f.Error(YamlFields.Join(at, "model"), "is required: the model name as the router labels it");
            }

            var target = ReadTarget(f, YamlFields.Child(m, "target"), YamlFields.Join(at, "target"));
            if (string.IsNullOrEmpty(model) || target is not { } t)
            {
                continue;
            }

            if (!seen.Add((model, t.Resource, t.Reference.Namespace, t.Reference.Name)))
            {
                f.Error(at, $"model '{model}' is mapped to {t.Resource} {t.Reference.Namespace}/{t.Reference.Name} twice");
                continue;
            }

            models.Add(new RouterModel(model, t.Resource, t.Reference));
        }

        return models;
    }

    private static (GroupResource Resource, ObjectReference Reference)? ReadTarget(YamlFields f, YamlNode? node, string path)
    {
        var m = f.Mapping(node, path, "apiVersion", "kind", "namespace", "name");
        if (m is null)
        {
            f.Error(path, "is required: {namespace, name, kind (default Deployment), apiVersion (default apps/v1)}");
            return null;
        }

        var ns = f.String(m, "namespace", path) ?? "";
        var name = f.String(m, "name", path) ?? "";
        var kind = f.String(m, "kind", path) ?? "Deployment";
        var apiVersion = f.String(m, "apiVersion", path) ?? "apps/v1";
        var ok = true;
        if (!IsDnsLabel(ns))
        {
            f.Error(YamlFields.Join(path, "namespace"), $"must be a namespace name (lower case letters, digits and '-', at most 63), got '{ns}'");
            ok = false;
        }

        if (name.Length is 0 or > 253 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.'))
        {
            f.Error(YamlFields.Join(path, "name"), $"must be an object name (lower case letters, digits, '-' and '.'), got '{name}'");
            ok = false;
        }

        if (kind.Length == 0 || !char.IsAsciiLetterUpper(kind[0]) || !kind.All(char.IsAsciiLetterOrDigit))
        {
            f.Error(YamlFields.Join(path, "kind"), $"must be a kind like Deployment, got '{kind}'");
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
