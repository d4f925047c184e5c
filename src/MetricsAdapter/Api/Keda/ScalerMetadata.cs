using System.Globalization;
using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Api.Keda.Protocol;
using Grpc.Core;

namespace Autoscale.MetricsAdapter.Api.Keda;

/// <summary>
/// A trigger's <c>scalerMetadata</c>, read strictly: <c>metric</c> (a served metric's name), <c>target</c> (&gt; 0),
/// optional <c>labelSelector</c> (the pods; default: the scale target's) and <c>activationTarget</c> (default 0).
/// KEDA passes the trigger's whole metadata, so its own connection keys are accepted and ignored; any other key is a
/// mistake (a typo of one of ours) and refused, as is a bad value, with an InvalidArgument naming the key.
/// </summary>
internal sealed record ScalerMetadata(string Namespace, string ScaledObject, string Metric, double Target, LabelSelector? LabelSelector, double ActivationTarget)
{
    private static readonly string[] Ours = ["metric", "target", "labelSelector", "activationTarget"];
    private static readonly string[] Keda = ["scalerAddress", "enableTLS", "unsafeSsl"];

    public static ScalerMetadata Parse(ScaledObjectRef? reference)
    {
        if (reference is null)
        {
            throw Invalid("scaledObjectRef is missing");
        }

        if (reference.Namespace.Length == 0)
        {
            throw Invalid("scaledObjectRef.namespace is empty");
        }

        var metadata = reference.ScalerMetadata;
        foreach (var key in metadata.Keys)
        {
            if (Array.IndexOf(Ours, key) < 0 && Array.IndexOf(Keda, key) < 0)
            {
                throw Invalid($"unknown scalerMetadata key \"{AdapterApi.Truncate(key)}\" (known: {string.Join(", ", Ours)})");
            }
        }

        if (!metadata.TryGetValue("metric", out var metric) || metric.Trim().Length == 0)
        {
            throw Invalid("scalerMetadata.metric is required: the name of a served metric, e.g. vllm_queue_depth");
        }

        var target = Number(metadata, "target", required: true, positive: true) ?? 0;
        var activation = Number(metadata, "activationTarget", required: false, positive: false) ?? 0;
        LabelSelector? selector = null;
        if (metadata.TryGetValue("labelSelector", out var text))
        {
            if (text.Length > ApiLimits.MaxSelectorLength)
            {
                throw Invalid($"scalerMetadata.labelSelector is longer than {ApiLimits.MaxSelectorLength} bytes");
            }

            if (!LabelSelector.TryParse(text, out var parsed, out var error))
            {
                throw Invalid($"scalerMetadata.labelSelector \"{AdapterApi.Truncate(text)}\" is invalid: {AdapterApi.Truncate(error)}");
            }

            if (parsed.IsEmpty)
            {
                throw Invalid("scalerMetadata.labelSelector is empty: it would select every pod of the namespace; leave it out to use the scale target's selector");
            }

            selector = parsed;
        }

        return new ScalerMetadata(reference.Namespace, reference.Name, metric.Trim(), target, selector, activation);
    }

    private static double? Number(IDictionary<string, string> metadata, string key, bool required, bool positive)
    {
        if (!metadata.TryGetValue(key, out var text))
        {
            return required ? throw Invalid($"scalerMetadata.{key} is required: a number greater than 0") : null;
        }

        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Invalid($"scalerMetadata.{key} \"{AdapterApi.Truncate(text)}\" is not a number");
        }

        if (positive ? value <= 0 : value < 0)
        {
            throw Invalid($"scalerMetadata.{key} is {text}: it must be {(positive ? "greater than 0" : "0 or more")}");
        }

        return value;
    }

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
