using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Controller;
using Autoscale.LoadTest.Metrics;
using Autoscale.LoadTest.Policies;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

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
        var stream = new YamlStream();
        try
        {
            stream.Load(text);
        }
        catch (YamlException e)
        {
            throw new ConfigException($"{source}:{e.Start.Line}: {e.Message}", e);
        }

        var rootNode = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode as YamlMappingNode;
        var root = new YamlSection(rootNode, source);
        if (ControllerYaml.TopLevelKeys.Any(root.Has))
        {
            // The file is the controller's ConfigMap document itself: everything else keeps its default.
            var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            stream.Save(writer, assignAnchors: false);
            return d with { Autoscale = d.Autoscale with { Controller = ControllerYaml.Parse(writer.ToString(), source) } };
        }

        var c = root.Section("cluster");
        var cluster = new ClusterOptions(
            c.Int("maxNodes", d.Cluster.MaxNodes),
            c.Triangular("nodeProvisionSeconds", d.Cluster.NodeProvision),
            c.Triangular("nodeInitSeconds", d.Cluster.NodeInit),
            c.Triangular("imagePullSeconds", d.Cluster.ImagePull),
            c.Triangular("modelLoadSeconds", d.Cluster.ModelLoad),
            c.Double("autoscalerScanSeconds", d.Cluster.AutoscalerScanSeconds),
            c.Double("scaleDownUnneededSeconds", d.Cluster.ScaleDownUnneededSeconds),
            c.Double("terminationGraceSeconds", d.Cluster.TerminationGraceSeconds),
            c.Double("routerTimeoutSeconds", d.Cluster.RouterTimeoutSeconds));
        c.RejectUnknown();

        var policies = root.Section("policies");
        var cpu = policies.Section("cpu-hpa");
        var cpuTarget = cpu.Int("targetCpuUtilization", d.CpuTargetUtilization);
        var cpuMin = cpu.Int("minReplicas", d.CpuMinReplicas);
        cpu.RejectUnknown();

        var common = policies.Section("common-recipe");
        var commonTarget = (long)Math.Round(common.Double("targetQueueDepth", d.CommonTargetMilli / 1000.0) * 1000);
        var commonMin = common.Int("minReplicas", d.CommonMinReplicas);
        var commonPipeline = new MetricPipelineOptions(
            Interval(common, "scrapeSeconds", d.CommonPipeline.ScrapeSeconds),
            common.Double("ruleEvalSeconds", d.CommonPipeline.RuleEvalSeconds),
            common.Double("adapterCacheSeconds", d.CommonPipeline.AdapterCacheSeconds));
        common.RejectUnknown();

        var k = policies.Section("keda");
        var keda = new KedaOptions(
            (long)Math.Round(k.Double("threshold", d.Keda.ThresholdMilli / 1000.0) * 1000),
            Interval(k, "pollingIntervalSeconds", d.Keda.PollingIntervalSeconds),
            k.Double("cooldownPeriodSeconds", d.Keda.CooldownPeriodSeconds),
            (long)Math.Round(k.Double("activationThreshold", d.Keda.ActivationThresholdMilli / 1000.0) * 1000),
            k.Int("minReplicaCount", d.Keda.MinReplicaCount),
            Interval(k, "scrapeSeconds", d.Keda.PrometheusScrapeSeconds));
        k.RejectUnknown();

        var p = policies.Section("kpa");
        var kpa = new KpaOptions(
            Interval(p, "stableWindowSeconds", d.Kpa.StableWindowSeconds),
            p.Double("panicWindowPercentage", d.Kpa.PanicWindowPercentage),
            p.Double("panicThresholdPercentage", d.Kpa.PanicThresholdPercentage),
            p.Has("targetConcurrency") ? Interval(p, "targetConcurrency", 1) : d.Kpa.TargetConcurrency,
            p.Double("maxScaleUpRate", d.Kpa.MaxScaleUpRate),
            p.Double("maxScaleDownRate", d.Kpa.MaxScaleDownRate),
            p.Double("scaleDownDelaySeconds", d.Kpa.ScaleDownDelaySeconds),
            p.Int("minScale", d.Kpa.MinScale),
            Interval(p, "tickSeconds", d.Kpa.TickSeconds),
            Interval(p, "scrapeSeconds", d.Kpa.ScrapeSeconds),
            p.Double("terminationGraceSeconds", d.Kpa.TerminationGraceSeconds));
        p.RejectUnknown();

        var aibrix = ReadAibrix(policies.Section("aibrix"), d.Aibrix);
        var g = policies.Section("gpu-util-hpa");
        var gpu = new GpuUtilHpaOptions(
            (int)Interval(g, "targetUtilizationPercent", d.GpuUtilHpa.TargetPercent),
            g.Int("minReplicas", d.GpuUtilHpa.MinReplicas),
            Interval(g, "collectSeconds", d.GpuUtilHpa.CollectSeconds),
            Interval(g, "scrapeSeconds", d.GpuUtilHpa.PrometheusScrapeSeconds),
            Interval(g, "ruleEvalSeconds", d.GpuUtilHpa.RuleEvalSeconds));
        g.RejectUnknown();

        var o = policies.Section("oracle");
        var oracle = new OracleOptions(
            Interval(o, "utilization", d.Oracle.Utilization),
            o.Double("leadQuantile", d.Oracle.LeadQuantile),
            Interval(o, "decideEverySeconds", d.Oracle.DecideEverySeconds),
            o.Scalar("sizing") switch
            {
                null => d.Oracle.Sizing,
                "slo" => OracleSizing.Slo,
                "fluid" => OracleSizing.Fluid,
                var other => throw new ConfigException($"sizing: '{other}' is not slo or fluid"),
            });
        if (oracle.LeadQuantile is <= 0 or > 1)
        {
            throw new ConfigException("leadQuantile: must be in (0, 1]");
        }

        o.RejectUnknown();
        policies.RejectUnknown();

        var a = root.Section("autoscale");
        var tolerance = a.Section("hpaTolerance");
        var adapter = a.Section("adapter");
        var autoscale = new AutoscaleOptions(
            (long)Math.Round(a.Double("targetQueueDepth", d.Autoscale.TargetQueueDepthMilli / 1000.0) * 1000),
            Interval(a, "scrapeSeconds", d.Autoscale.ScrapeSeconds),
            a.Int("minReplicas", d.Autoscale.MinReplicas),
            a.Text("controller") is { } controller ? ControllerYaml.Parse(controller, $"{source}: autoscale.controller") : d.Autoscale.Controller,
            Interval(a, "controllerTickSeconds", d.Autoscale.ControllerTickSeconds),
            a.Has("targetRunningRequests") ? (long)Math.Round(Interval(a, "targetRunningRequests", 1) * 1000) : d.Autoscale.TargetRunningMilli,
            a.Has("targetKvCacheUsage") ? (long)Math.Round(Interval(a, "targetKvCacheUsage", 1) * 1000) : d.Autoscale.TargetKvUsageMilli,
            Tolerance(tolerance, "scaleUp", d.Autoscale.ScaleUpTolerance),
            Tolerance(tolerance, "scaleDown", d.Autoscale.ScaleDownTolerance),
            Interval(adapter, "desiredReplicasMaxAgeSeconds", d.Autoscale.DesiredReplicasMaxAgeSeconds),
            NonNegative(adapter, "arrivalWindowSeconds", d.Autoscale.ArrivalWindowSeconds),
            Interval(adapter, "latencyWindowSeconds", d.Autoscale.LatencyWindowSeconds));
        tolerance.RejectUnknown();
        adapter.RejectUnknown();
        a.RejectUnknown();
        root.RejectUnknown();
        return new SimConfig(cluster, cpuTarget, cpuMin, commonTarget, commonMin, commonPipeline, keda, kpa, autoscale, oracle)
        {
            Aibrix = aibrix,
            GpuUtilHpa = gpu,
        };
    }

    private static AibrixOptions ReadAibrix(YamlSection x, AibrixOptions d)
    {
        var options = new AibrixOptions(
            x.Scalar("scalingStrategy") switch
            {
                null => d.Strategy,
                "KPA" or "kpa" => AibrixStrategy.Kpa,
                "APA" or "apa" => AibrixStrategy.Apa,
                var other => throw new ConfigException($"scalingStrategy: '{other}' is not KPA or APA"),
            },
            x.Scalar("targetMetric") switch
            {
                null => d.Metric,
                "kv_cache_usage_perc" or "gpu_cache_usage_perc" => AibrixMetric.KvCacheUsage,
                "num_requests_waiting" => AibrixMetric.Waiting,
                "num_requests_running" => AibrixMetric.Running,
                var other => throw new ConfigException($"targetMetric: '{other}' is not kv_cache_usage_perc, num_requests_waiting or num_requests_running"),
            },
            Interval(x, "targetValue", d.TargetValue),
            Interval(x, "observeWindowSeconds", d.StableWindowSeconds),
            Interval(x, "panicWindowSeconds", d.PanicWindowSeconds),
            Interval(x, "panicThreshold", d.PanicThreshold),
            x.Double("scaleUpTolerance", d.UpTolerance),
            x.Double("scaleDownTolerance", d.DownTolerance),
            Interval(x, "maxScaleUpRate", d.MaxScaleUpRate),
            Interval(x, "maxScaleDownRate", d.MaxScaleDownRate),
            x.Double("scaleUpCooldownSeconds", d.ScaleUpCooldownSeconds),
            x.Double("scaleDownCooldownSeconds", d.ScaleDownCooldownSeconds),
            x.Int("minReplicas", d.MinReplicas),
            Interval(x, "resyncSeconds", d.ResyncSeconds));
        x.RejectUnknown();
        if (options.PanicWindowSeconds > options.StableWindowSeconds)
        {
            // AIBrix's validation rejects it too (metric-based-autoscaling.rst, "Configurable metric windows").
            throw new ConfigException("panicWindowSeconds: must not exceed observeWindowSeconds");
        }

        return options;
    }

    // behavior.scaleUp/scaleDown.tolerance (KEP-4951): a fraction, 0 allowed (every change acts).
    private static double? Tolerance(YamlSection section, string key, double? fallback)
    {
        if (!section.Has(key))
        {
            return fallback;
        }

        var value = section.Double(key, 0);
        return value is >= 0 and < 1 ? value : throw new ConfigException($"hpaTolerance.{key}: must be in [0, 1)");
    }

    private static double NonNegative(YamlSection section, string key, double fallback)
    {
        var value = section.Double(key, fallback);
        return value >= 0 ? value : throw new ConfigException($"{key}: must be zero or more");
    }

    private static double Interval(YamlSection section, string key, double fallback)
    {
        var value = section.Double(key, fallback);
        return value > 0 ? value : throw new ConfigException($"{key}: must be greater than zero");
    }
}
