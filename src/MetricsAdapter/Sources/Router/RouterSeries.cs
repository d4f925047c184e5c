namespace Autoscale.MetricsAdapter.Sources.Router;

/// <summary>
/// The demand a router shows for each model, and the series of each router kind it is read from. Read from the
/// routers' own source, late 2026:
/// <list type="bullet">
/// <item>vLLM production-stack router (<c>src/vllm_router/services/metrics_service/__init__.py</c>): the one per-model
/// series is the counter <c>vllm:num_incoming_requests_total{model}</c>, "valid incoming requests to router (including
/// when no backends available)"; <c>services/request_service/request.py</c> counts a request before it looks for a
/// backend and, when the model has none (scaled to zero), answers 503. Its gauges (<c>vllm:num_requests_running</c>,
/// <c>vllm:current_qps</c>, ...) are labelled by backend <c>server</c>, not model, and vanish with the backends; it
/// holds no queue, so it has no pending count.</item>
/// <item>Gateway API Inference Extension endpoint picker (<c>pkg/epp/metrics/metrics.go</c>): the gauge
/// <c>inference_extension_flow_control_queue_size{fairness_id,priority,inference_pool,model_name,target_model_name}</c>,
/// requests held by the flow-control layer (llm-d's EPP exports it as <c>llm_d_epp_flow_control_queue_size</c> and
/// keeps the old name, deprecated), and the counter
/// <c>inference_objective_request_total{model_name,target_model_name}</c> (<c>inference_model_request_total</c> before
/// InferenceModel became InferenceObjective). The model is <c>target_model_name</c>: what is sent to the model server,
/// after any rewrite, so what the scale target serves.</item>
/// </list>
/// </summary>
internal static class RouterSeries
{
    /// <summary>Requests held at the router for the model, not yet on a model server (EPP flow control).</summary>
    public const string PendingRequests = "autoscale_router_pending_requests";

    /// <summary>Requests per second the router received for the model, between its last two pages.</summary>
    public const string RequestsPerSecond = "autoscale_router_requests_per_second";

    public static IReadOnlyList<string> Metrics { get; } = [PendingRequests, RequestsPerSecond];

    public static bool IsRouterMetric(string metric) => metric is PendingRequests or RequestsPerSecond;

    /// <summary>What to read from a kind's page; families are in preference order (the first one on the page is used).</summary>
    public static RouterFamilies Of(RouterKind kind) => kind switch
    {
        RouterKind.ProductionStack => new RouterFamilies("model", [], ["vllm:num_incoming_requests"]),
        _ => new RouterFamilies(
            "target_model_name",
            ["llm_d_epp_flow_control_queue_size", "inference_extension_flow_control_queue_size"],
            ["inference_objective_request", "inference_model_request"]),
    };
}
