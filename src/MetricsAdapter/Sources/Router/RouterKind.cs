namespace Autoscale.MetricsAdapter.Sources.Router;

/// <summary>Which router stands in front of the model, and so which of its series say what waits (<see cref="RouterSeries"/>).</summary>
internal enum RouterKind
{
    /// <summary>The vLLM production-stack router (<c>vllm_router</c>, vllm-project/production-stack).</summary>
    ProductionStack,

    /// <summary>The Gateway API Inference Extension's endpoint picker (EPP; kubernetes-sigs/gateway-api-inference-extension, as llm-d runs it).</summary>
    InferenceExtension,
}
