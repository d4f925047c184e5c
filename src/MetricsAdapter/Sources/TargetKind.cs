namespace Autoscale.MetricsAdapter.Sources;

/// <summary>What a scrape target is: an inference server pod's own /metrics, or a GPU exporter reporting for others.</summary>
internal enum TargetKind
{
    /// <summary>vLLM, SGLang, TensorRT-LLM or TGI: its series belong to the pod itself.</summary>
    InferenceServer,

    /// <summary>dcgm-exporter: its series belong to the pods named in their pod/namespace labels.</summary>
    GpuExporter,
}
