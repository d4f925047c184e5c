namespace Autoscale.LoadTest.Cluster;

/// <summary>
/// The GPU cluster: one replica per GPU node, and the cold-start delays, each a triangular (min, typical, max)
/// drawn from the published figures in reference/llm-autoscalers.md §5:
/// node provisioning — Karpenter "30-40 s", AWS blog 1–2 min, KAITO/AKS 284 s;
/// GPU stack init — KAITO 126 s, GPU Operator "3-5 minutes";
/// image pull — KAITO 5.6 GB in 101 s, a 10 GB vllm-openai image "minutes", up to ten;
/// model load + engine init — vllm#20264 ~59 s (3B), KAITO 62 s + 195 s (27B).
/// Cluster Autoscaler: 10 s scan interval, 10 min scale-down-unneeded-time (CA FAQ defaults).
/// </summary>
internal sealed record ClusterOptions(
    int MaxNodes,
    Triangular NodeProvision,
    Triangular NodeInit,
    Triangular ImagePull,
    Triangular ModelLoad,
    double AutoscalerScanSeconds,
    double ScaleDownUnneededSeconds,
    double TerminationGraceSeconds,
    double RouterTimeoutSeconds)
{
    public static ClusterOptions Default { get; } = new(
        MaxNodes: 64,
        NodeProvision: new Triangular(30, 90, 284),
        NodeInit: new Triangular(60, 126, 300),
        ImagePull: new Triangular(60, 101, 600),
        ModelLoad: new Triangular(30, 60, 257),
        AutoscalerScanSeconds: 10,
        ScaleDownUnneededSeconds: 600,
        TerminationGraceSeconds: 30,
        RouterTimeoutSeconds: 600);
}
