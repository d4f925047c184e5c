using Prometheus;

namespace Autoscale.ScaleController.Telemetry;

/// <summary>
/// The controller's own metrics, <c>autoscale_controller_*</c>. Label values are bounded: decision kinds, status
/// classes, phases, and workloads that are in the config (series of removed workloads are dropped each round).
/// One registry per controller instance, so two instances in one test process do not share series.
/// </summary>
internal sealed class ControllerMetrics
{
    public ControllerMetrics(CollectorRegistry registry)
    {
        Registry = registry;
        var factory = Metrics.WithCustomRegistry(registry);
        Leader = factory.CreateGauge("autoscale_controller_leader", "1 while this instance holds the leader lease and acts.");
        ConfigValid = factory.CreateGauge("autoscale_controller_config_valid", "0 while the latest config edit was refused (the last good config stays in force).");
        CachesSynced = factory.CreateGauge("autoscale_controller_caches_synced", "1 once every watch cache has listed.");
        Decisions = factory.CreateCounter(
            "autoscale_controller_decisions_total",
            "Decisions by kind (set_behavior, persist_history, publish_recommendation, create_placeholder, delete_placeholder) and outcome (applied, dryrun, conflict, failed, skipped).",
            new CounterConfiguration { LabelNames = ["kind", "outcome"] });
        ApiErrors = factory.CreateCounter(
            "autoscale_controller_api_errors_total",
            "Kubernetes API answers that were errors, by status class (429, 409, 4xx, 5xx, transport); retried ones included.",
            new CounterConfiguration { LabelNames = ["code"] });
        Rounds = factory.CreateCounter("autoscale_controller_rounds_total", "Watch → decide → act rounds, by role (leader, follower) and failed rounds (failed).", new CounterConfiguration { LabelNames = ["role"] });
        RoundDuration = factory.CreateHistogram(
            "autoscale_controller_round_duration_seconds",
            "Duration of one round (snapshot, decide, act).",
            new HistogramConfiguration { Buckets = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30] });
        ColdStartSeconds = factory.CreateGauge(
            "autoscale_controller_cold_start_seconds",
            "Learned cold-start percentile (coldStart.percentile, default p90) per workload and phase: total, scheduling, pull, load; "
            + "node_provisioning and node_startup (parts of scheduling, over the samples that waited for a new node).",
            new GaugeConfiguration { LabelNames = ["workload", "phase"] });
        ColdStartMedianSeconds = factory.CreateGauge(
            "autoscale_controller_cold_start_median_seconds",
            "Learned cold-start median (p50) per workload and phase, the same phases as autoscale_controller_cold_start_seconds.",
            new GaugeConfiguration { LabelNames = ["workload", "phase"] });
        ColdStartSamples = factory.CreateGauge(
            "autoscale_controller_cold_start_samples",
            "Cold-start samples in each workload's history.",
            new GaugeConfiguration { LabelNames = ["workload"] });
        ScaleDownWindowSeconds = factory.CreateGauge(
            "autoscale_controller_scale_down_window_seconds",
            "spec.behavior.scaleDown.stabilizationWindowSeconds the controller set (or observed) per workload.",
            new GaugeConfiguration { LabelNames = ["workload"] });
        MetricReads = factory.CreateCounter(
            "autoscale_controller_metric_reads_total",
            "Reads from custom.metrics.k8s.io (queue depth, planner demand) by outcome (ok, not_found, unavailable, forbidden, error, timeout, invalid).",
            new CounterConfiguration { LabelNames = ["outcome"] });
        ScaleTargetReads = factory.CreateCounter(
            "autoscale_controller_scale_target_reads_total",
            "Reads of scale targets other than Deployments and StatefulSets (discovery, then the /scale subresource) by outcome "
            + "(ok, not_found, forbidden, unknown_kind, no_scale, no_selector, error).",
            new CounterConfiguration { LabelNames = ["outcome"] });
        PlannerReplicas = factory.CreateGauge(
            "autoscale_controller_planner_desired_replicas",
            "The replica count the SLO planner publishes per workload (autoscale.dev/desired-replicas); absent while it publishes none.",
            new GaugeConfiguration { LabelNames = ["workload"] });
        WarmPool = factory.CreateGauge(
            "autoscale_controller_warm_pool_placeholders",
            "Warm pool per workload: wanted by policy, granted by the GPU budgets, kept + created; of the placeholders at the start of "
            + "the round, warm (Running on a Ready node with allocatable GPUs) and warming (waiting for a node, node not Ready, or starting).",
            new GaugeConfiguration { LabelNames = ["workload", "state"] });
    }

    public CollectorRegistry Registry { get; }

    public Gauge Leader { get; }

    public Gauge ConfigValid { get; }

    public Gauge CachesSynced { get; }

    public Counter Decisions { get; }

    public Counter ApiErrors { get; }

    public Counter Rounds { get; }

    public Histogram RoundDuration { get; }

    public Gauge ColdStartSeconds { get; }

    public Gauge ColdStartMedianSeconds { get; }

    public Gauge ColdStartSamples { get; }

    public Gauge ScaleDownWindowSeconds { get; }

    public Gauge WarmPool { get; }

    public Gauge PlannerReplicas { get; }

    public Counter MetricReads { get; }

    public Counter ScaleTargetReads { get; }

    public static string StatusClass(int code) => code switch
    {
        429 => "429",
        409 => "409",
        >= 500 => "5xx",
        >= 400 => "4xx",
        _ => "other",
    };
}
