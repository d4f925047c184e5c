namespace Autoscale.Demo.Cluster;

/// <summary>The demo's one vLLM workload: a Deployment, its Service, and the HPA the scale controller manages.</summary>
internal static class DemoWorkload
{
    public const string Namespace = "demo";
    public const string Name = "llama-3-8b";
    public const string Model = "meta-llama/Llama-3.1-8B-Instruct";
    public const string Image = "vllm/vllm-openai:v0.11.0";
    public const int InitialReplicas = 2;
    public const int MinReplicas = 1;
    public const int MaxReplicas = 6;

    /// <summary>The HPA's targets: a short queue, and a batch that is not yet full.</summary>
    public const string QueueDepthMetric = "vllm_queue_depth";
    public const long QueueDepthTarget = 3;
    public const string RunningMetric = "vllm_running_requests";
    public const long RunningTarget = 24;

    public static string Selector => $"app={Name}";

    public static Dictionary<string, string> Labels() =>
        new(StringComparer.Ordinal) { ["app"] = Name, ["app.kubernetes.io/name"] = "vllm" };
}
