using Autoscale.Kubernetes.Yaml;
using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Controller;
using Autoscale.LoadTest.Metrics;
using Autoscale.LoadTest.Policies;

namespace Autoscale.LoadTest.Config;

/// <summary>
/// Reads the simulator YAML: <c>cluster:</c>, <c>policies:</c> (cpu-hpa, common-recipe, keda, kpa, aibrix, gpu-util-hpa) and
/// <c>autoscale:</c> (the HPA's target and the adapter's scrape, and under <c>controller:</c> the scale controller's
/// ConfigMap document). A file that is itself a ConfigMap document (top-level <c>workloads</c>, <c>defaults</c>,
/// <c>budget</c> or <c>dryRun</c>) configures the controller and leaves the rest at defaults. Absent keys keep their
/// defaults: <see cref="SimConfig.Default"/>, whose <c>autoscale:</c> is the shipped config (<see cref="ShippedConfig"/>).
/// </summary>
internal static class SimConfigReader
{
    public static SimConfig Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path));
    }

    public static SimConfig Read(TextReader text, string source) => Read(text, source, SimConfig.Default);

    /// <summary>Reads over <paramref name="d"/>: every key the file leaves out keeps its value there.</summary>
    public static SimConfig Read(TextReader text, string source, SimConfig d)
    {
        var yaml = text.ReadToEnd();
        var errors = new YamlErrors();
        if (StrictYaml.Read(yaml, errors) is not { } root)
        {
            throw Refused(source, errors);
        }

        if (ControllerYaml.TopLevelKeys.Any(root.Has))
        {
            // The file is the controller's ConfigMap document itself: everything else keeps its default.
            return d with { Autoscale = d.Autoscale with { Controller = ControllerYaml.Parse(yaml, source) } };
        }

        var config = Read(root, source, d);
        return errors.Any ? throw Refused(source, errors) : config;
    }

    private static ConfigException Refused(string source, YamlErrors errors) => new($"{source}: {string.Join("; ", errors.All)}");

    private static SimConfig Read(YamlMap root, string source, SimConfig d)
    {
        var c = root.Section("cluster");
        var cluster = new ClusterOptions(
            Count(c, "maxNodes", d.Cluster.MaxNodes),
            Triangular(c, "nodeProvisionSeconds", d.Cluster.NodeProvision),
            Triangular(c, "nodeInitSeconds", d.Cluster.NodeInit),
            Triangular(c, "imagePullSeconds", d.Cluster.ImagePull),
            Triangular(c, "modelLoadSeconds", d.Cluster.ModelLoad),
            Number(c, "autoscalerScanSeconds", d.Cluster.AutoscalerScanSeconds),
            Number(c, "scaleDownUnneededSeconds", d.Cluster.ScaleDownUnneededSeconds),
            Number(c, "terminationGraceSeconds", d.Cluster.TerminationGraceSeconds),
            Number(c, "routerTimeoutSeconds", d.Cluster.RouterTimeoutSeconds));
        c.RejectUnknownKeys();

        var policies = root.Section("policies");
        var cpu = policies.Section("cpu-hpa");
        var cpuTarget = Count(cpu, "targetCpuUtilization", d.CpuTargetUtilization);
        var cpuMin = Count(cpu, "minReplicas", d.CpuMinReplicas);
        cpu.RejectUnknownKeys();

        var common = policies.Section("common-recipe");
        var commonTarget = (long)Math.Round(Number(common, "targetQueueDepth", d.CommonTargetMilli / 1000.0) * 1000);
        var commonMin = Count(common, "minReplicas", d.CommonMinReplicas);
        var commonPipeline = new MetricPipelineOptions(
            Interval(common, "scrapeSeconds", d.CommonPipeline.ScrapeSeconds),
            Number(common, "ruleEvalSeconds", d.CommonPipeline.RuleEvalSeconds),
            Number(common, "adapterCacheSeconds", d.CommonPipeline.AdapterCacheSeconds));
        common.RejectUnknownKeys();

        var k = policies.Section("keda");
        var keda = new KedaOptions(
            (long)Math.Round(Number(k, "threshold", d.Keda.ThresholdMilli / 1000.0) * 1000),
            Interval(k, "pollingIntervalSeconds", d.Keda.PollingIntervalSeconds),
            Number(k, "cooldownPeriodSeconds", d.Keda.CooldownPeriodSeconds),
            (long)Math.Round(Number(k, "activationThreshold", d.Keda.ActivationThresholdMilli / 1000.0) * 1000),
            Count(k, "minReplicaCount", d.Keda.MinReplicaCount),
            Interval(k, "scrapeSeconds", d.Keda.PrometheusScrapeSeconds));
        k.RejectUnknownKeys();

        var p = policies.Section("kpa");
        var kpa = new KpaOptions(
            Interval(p, "stableWindowSeconds", d.Kpa.StableWindowSeconds),
            Number(p, "panicWindowPercentage", d.Kpa.PanicWindowPercentage),
            Number(p, "panicThresholdPercentage", d.Kpa.PanicThresholdPercentage),
            p.Has("targetConcurrency") ? Interval(p, "targetConcurrency", 1) : d.Kpa.TargetConcurrency,
            Number(p, "maxScaleUpRate", d.Kpa.MaxScaleUpRate),
            Number(p, "maxScaleDownRate", d.Kpa.MaxScaleDownRate),
            Number(p, "scaleDownDelaySeconds", d.Kpa.ScaleDownDelaySeconds),
            Count(p, "minScale", d.Kpa.MinScale),
            Interval(p, "tickSeconds", d.Kpa.TickSeconds),
            Interval(p, "scrapeSeconds", d.Kpa.ScrapeSeconds),
            Number(p, "terminationGraceSeconds", d.Kpa.TerminationGraceSeconds));
        p.RejectUnknownKeys();

        var aibrix = ReadAibrix(policies.Section("aibrix"), d.Aibrix);
        var g = policies.Section("gpu-util-hpa");
        var gpu = new GpuUtilHpaOptions(
            (int)Interval(g, "targetUtilizationPercent", d.GpuUtilHpa.TargetPercent),
            Count(g, "minReplicas", d.GpuUtilHpa.MinReplicas),
            Interval(g, "collectSeconds", d.GpuUtilHpa.CollectSeconds),
            Interval(g, "scrapeSeconds", d.GpuUtilHpa.PrometheusScrapeSeconds),
            Interval(g, "ruleEvalSeconds", d.GpuUtilHpa.RuleEvalSeconds));
        g.RejectUnknownKeys();

        var o = policies.Section("oracle");
        var oracle = new OracleOptions(
            Interval(o, "utilization", d.Oracle.Utilization),
            Number(o, "leadQuantile", d.Oracle.LeadQuantile),
            Interval(o, "decideEverySeconds", d.Oracle.DecideEverySeconds),
            o.Scalar("sizing") switch
            {
                null => d.Oracle.Sizing,
                "slo" => OracleSizing.Slo,
                "fluid" => OracleSizing.Fluid,
                var other => Refuse(o, "sizing", $"\"{other}\" is not slo or fluid", d.Oracle.Sizing),
            });
        if (oracle.LeadQuantile is <= 0 or > 1)
        {
            o.Errors.Add(o.Child("leadQuantile"), "must be in (0, 1]");
        }

        o.RejectUnknownKeys();
        policies.RejectUnknownKeys();

        var a = root.Section("autoscale");
        var tolerance = a.Section("hpaTolerance");
        var adapter = a.Section("adapter");
        var autoscale = new AutoscaleOptions(
            (long)Math.Round(Number(a, "targetQueueDepth", d.Autoscale.TargetQueueDepthMilli / 1000.0) * 1000),
            Interval(a, "scrapeSeconds", d.Autoscale.ScrapeSeconds),
            Count(a, "minReplicas", d.Autoscale.MinReplicas),
            a.Text("controller") is { } controller ? ControllerYaml.Parse(controller, $"{source}: autoscale.controller") : d.Autoscale.Controller,
            Interval(a, "controllerTickSeconds", d.Autoscale.ControllerTickSeconds),
            a.Has("targetRunningRequests") ? (long)Math.Round(Interval(a, "targetRunningRequests", 1) * 1000) : d.Autoscale.TargetRunningMilli,
            a.Has("targetKvCacheUsage") ? (long)Math.Round(Interval(a, "targetKvCacheUsage", 1) * 1000) : d.Autoscale.TargetKvUsageMilli,
            Tolerance(tolerance, "scaleUp", d.Autoscale.ScaleUpTolerance),
            Tolerance(tolerance, "scaleDown", d.Autoscale.ScaleDownTolerance),
            Interval(adapter, "desiredReplicasMaxAgeSeconds", d.Autoscale.DesiredReplicasMaxAgeSeconds),
            Number(adapter, "arrivalWindowSeconds", d.Autoscale.ArrivalWindowSeconds),
            Interval(adapter, "latencyWindowSeconds", d.Autoscale.LatencyWindowSeconds));
        tolerance.RejectUnknownKeys();
        adapter.RejectUnknownKeys();
        a.RejectUnknownKeys();
        root.RejectUnknownKeys();
        return new SimConfig(cluster, cpuTarget, cpuMin, commonTarget, commonMin, commonPipeline, keda, kpa, autoscale, oracle)
        {
            Aibrix = aibrix,
            GpuUtilHpa = gpu,
        };
    }

    private static AibrixOptions ReadAibrix(YamlMap x, AibrixOptions d)
    {
        var options = new AibrixOptions(
            x.Scalar("scalingStrategy") switch
            {
                null => d.Strategy,
                "KPA" or "kpa" => AibrixStrategy.Kpa,
                "APA" or "apa" => AibrixStrategy.Apa,
                var other => Refuse(x, "scalingStrategy", $"\"{other}\" is not KPA or APA", d.Strategy),
            },
            x.Scalar("targetMetric") switch
            {
                null => d.Metric,
                "kv_cache_usage_perc" or "gpu_cache_usage_perc" => AibrixMetric.KvCacheUsage,
                "num_requests_waiting" => AibrixMetric.Waiting,
                "num_requests_running" => AibrixMetric.Running,
                var other => Refuse(x, "targetMetric", $"\"{other}\" is not kv_cache_usage_perc, num_requests_waiting or num_requests_running", d.Metric),
            },
            Interval(x, "targetValue", d.TargetValue),
            Interval(x, "observeWindowSeconds", d.StableWindowSeconds),
            Interval(x, "panicWindowSeconds", d.PanicWindowSeconds),
            Interval(x, "panicThreshold", d.PanicThreshold),
            Number(x, "scaleUpTolerance", d.UpTolerance),
            Number(x, "scaleDownTolerance", d.DownTolerance),
            Interval(x, "maxScaleUpRate", d.MaxScaleUpRate),
            Interval(x, "maxScaleDownRate", d.MaxScaleDownRate),
            Number(x, "scaleUpCooldownSeconds", d.ScaleUpCooldownSeconds),
            Number(x, "scaleDownCooldownSeconds", d.ScaleDownCooldownSeconds),
            Count(x, "minReplicas", d.MinReplicas),
            Interval(x, "resyncSeconds", d.ResyncSeconds));
        x.RejectUnknownKeys();
        if (options.PanicWindowSeconds > options.StableWindowSeconds)
        {
            // AIBrix's validation rejects it too (metric-based-autoscaling.rst, "Configurable metric windows").
            x.Errors.Add(x.Child("panicWindowSeconds"), "must not exceed observeWindowSeconds");
        }

        return options;
    }

    // behavior.scaleUp/scaleDown.tolerance (KEP-4951): a fraction, 0 allowed (every change acts).
    private static double? Tolerance(YamlMap section, string key, double? fallback)
    {
        if (!section.Has(key))
        {
            return fallback;
        }

        var value = Number(section, key, 0);
        return value is >= 0 and < 1 ? value : Refuse(section, key, "must be in [0, 1)", fallback);
    }

    private static double Interval(YamlMap section, string key, double fallback)
    {
        var value = Number(section, key, fallback);
        return value > 0 ? value : Refuse(section, key, "must be greater than zero", fallback);
    }

    // Every number of the simulator's file is a count, a time or a rate: none is negative.
    private static double Number(YamlMap section, string key, double fallback) => section.Double(key, fallback, 0, double.MaxValue);

    private static int Count(YamlMap section, string key, int fallback) => section.Int(key, fallback, 0, int.MaxValue);

    private static Triangular Triangular(YamlMap parent, string key, Triangular fallback)
    {
        var section = parent.Section(key);
        var result = new Triangular(Number(section, "min", fallback.Min), Number(section, "mode", fallback.Mode), Number(section, "max", fallback.Max));
        section.RejectUnknownKeys();
        return result.Min <= result.Mode && result.Mode <= result.Max ? result : Refuse(parent, key, "need min <= mode <= max", fallback);
    }

    private static T Refuse<T>(YamlMap section, string key, string message, T fallback)
    {
        section.Errors.Add(section.Child(key), message);
        return fallback;
    }
}
