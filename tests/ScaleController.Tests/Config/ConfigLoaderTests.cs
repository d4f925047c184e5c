using Autoscale.Hpa.Spec;
using Autoscale.ScaleController.Config;

namespace Autoscale.ScaleController.Tests.Config;

public sealed class ConfigLoaderTests
{
    [Fact]
    public void Example_config_loads_with_its_overrides()
    {
        var result = ConfigLoader.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "example-config.yaml")));

        Assert.Empty(result.Errors);
        var config = result.Config!;
        Assert.Equal(16, config.Budget.MaxGpus);
        Assert.Equal(3, config.Workloads.Count);
        var qwen = config.Workloads[0];
        Assert.Equal(new WorkloadRef("llm", "qwen-32b", WorkloadKind.Deployment), qwen.Workload);
        Assert.Equal(2.0, qwen.Policy.ScaleDown.WindowFactor);
        Assert.Equal(120, qwen.Policy.ScaleDown.MinWindowSeconds); // inherited from defaults
        Assert.Equal(2, qwen.Policy.WarmPool.Schedules.Count);
        Assert.Equal("America/New_York", qwen.Policy.WarmPool.Schedules[1].TimeZone.Id);
        Assert.Equal(0.25, qwen.Policy.WarmPool.Headroom.Fraction);
        Assert.True(qwen.Policy.WarmPool.Predictive.Enabled);
        Assert.Equal(10, qwen.Policy.WarmPool.Predictive.QueueGrowthPerReplica);
        var llama = config.Workloads[1];
        Assert.True(llama.DryRun);
        Assert.Equal("llama-8b", llama.HpaName);
        Assert.Equal(95, llama.Policy.ColdStart.Percentile);
        Assert.Equal(ScalingPolicyType.Percent, llama.Policy.ScaleDown.Policies[0].Type);
        Assert.Equal(0, llama.Policy.WarmPool.Headroom.Fraction); // the default's
        var deepseek = config.Workloads[2];
        Assert.Equal((new WorkloadRef("llm", "deepseek-r1", WorkloadKind.LeaderWorkerSet), "deepseek-r1-leaders", 8), (deepseek.Workload, deepseek.HpaName, deepseek.Policy.WarmPool.MaxGpus));
    }

    [Fact]
    public void The_controller_doc_shows_the_config_with_the_example_verbatim()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "controller.md")).ReplaceLineEndings("\n");
        var example = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "example-config.yaml")).ReplaceLineEndings("\n");
        const string Start = "<!-- example-config.yaml: kept identical by ConfigLoaderTests -->\n```yaml\n";

        var from = readme.IndexOf(Start, StringComparison.Ordinal);
        Assert.True(from >= 0, "docs/controller.md has the marked example block");
        from += Start.Length;
        var block = readme[from..readme.IndexOf("```", from, StringComparison.Ordinal)];

        Assert.Equal(example.TrimEnd('\n'), block.TrimEnd('\n'));
    }

    [Fact]
    public void Warm_pool_headroom_is_off_by_default_and_overridden_field_by_field()
    {
        var result = ConfigLoader.Load("""
            defaults:
              warmPool:
                minimum: 2
                headroom: {fraction: 0.25}
            workloads:
              - {namespace: llm, name: a}
              - {namespace: llm, name: b, warmPool: {headroom: {fraction: 0.1}}}
            """);

        Assert.Empty(result.Errors);
        Assert.Equal(0, WarmPoolPolicy.Default.Headroom.Fraction);
        Assert.Equal(0.25, result.Config!.Workloads[0].Policy.WarmPool.Headroom.Fraction);
        Assert.Equal(0.1, result.Config.Workloads[1].Policy.WarmPool.Headroom.Fraction);
        Assert.Equal(2, result.Config.Workloads[1].Policy.WarmPool.Minimum);
    }

    [Fact]
    public void Warm_pool_backend_defaults_to_placeholders_and_is_overridden_per_workload()
    {
        var result = ConfigLoader.Load("""
            defaults:
              warmPool: {backend: auto}
            workloads:
              - {namespace: llm, name: a}
              - {namespace: llm, name: b, warmPool: {backend: capacityBuffer, provisioningStrategy: buffer.x-k8s.io/active-capacity}}
              - {namespace: llm, name: c, warmPool: {backend: placeholders}}
            """);

        Assert.Empty(result.Errors);
        Assert.Equal(WarmPoolBackend.Placeholders, WarmPoolPolicy.Default.Backend);
        Assert.Equal(
            [WarmPoolBackend.Auto, WarmPoolBackend.CapacityBuffer, WarmPoolBackend.Placeholders],
            result.Config!.Workloads.Select(w => w.Policy.WarmPool.Backend));
        Assert.Equal([null, "buffer.x-k8s.io/active-capacity", null], result.Config.Workloads.Select(w => w.Policy.WarmPool.ProvisioningStrategy));
    }

    [Fact]
    public void Minimal_config_takes_the_built_in_defaults()
    {
        var result = ConfigLoader.Load("workloads:\n  - namespace: llm\n    name: m\n");

        Assert.Empty(result.Errors);
        Assert.Equal(WorkloadPolicy.Default, result.Config!.Workloads[0].Policy);
        Assert.False(result.Config.DryRun);
    }

    [Theory]
    [InlineData("a: [1, 2", "(root): invalid YAML at line")]
    [InlineData("", "(root): the config is empty")]
    [InlineData("- 1\n- 2", "(root): expected a mapping, got a list")]
    [InlineData("dryRun: maybe", "dryRun: \"maybe\" is not a boolean")]
    [InlineData("budgte: {}", "budgte: unknown key (expected one of: dryRun, budget, defaults, workloads)")]
    [InlineData("budget: {maxGpus: lots}", "budget.maxGpus: \"lots\" is not an integer")]
    [InlineData("budget: {maxGpus: -1}", "budget.maxGpus: -1 is out of range [0, 100000]")]
    [InlineData("budget: [1]", "budget: expected a mapping, got a list")]
    [InlineData("defaults: {scaleDown: {minWindowSeconds: -30}}", "defaults.scaleDown.minWindowSeconds: -30 is out of range [0, 3600]")]
    [InlineData("defaults: {scaleDown: {maxWindowSeconds: 7200}}", "defaults.scaleDown.maxWindowSeconds: 7200 is out of range [0, 3600]")]
    [InlineData("defaults: {scaleDown: {minWindowSeconds: 900, maxWindowSeconds: 300}}", "defaults.scaleDown.minWindowSeconds: 900 is greater than maxWindowSeconds 300")]
    [InlineData("defaults: {scaleDown: {defaultWindowSeconds: 60}}", "defaults.scaleDown.defaultWindowSeconds: 60 is outside [minWindowSeconds 120, maxWindowSeconds 1800]")]
    [InlineData("defaults: {scaleDown: {windowFactor: fast}}", "defaults.scaleDown.windowFactor: \"fast\" is not a number")]
    [InlineData("defaults: {scaleDown: {selectPolicy: Maximum}}", "defaults.scaleDown.selectPolicy: \"Maximum\" is not one of Max, Min, Disabled")]
    [InlineData("defaults: {scaleDown: {policies: []}}", "defaults.scaleDown.policies: must list at least one policy")]
    [InlineData("defaults: {scaleUp: {policies: [{type: Nodes, value: 1, periodSeconds: 15}]}}", "defaults.scaleUp.policies[0].type: \"Nodes\" is not one of Pods, Percent")]
    [InlineData("defaults: {scaleUp: {policies: [{type: Pods, value: 1, periodSeconds: 3600}]}}", "defaults.scaleUp.policies[0].periodSeconds: 3600 is out of range [1, 1800]")]
    [InlineData("defaults: {scaleUp: {policies: [{type: Pods, value: 1}]}}", "defaults.scaleUp.policies[0].periodSeconds: is required")]
    [InlineData("defaults: {coldStart: {percentile: 0}}", "defaults.coldStart.percentile: 0 is out of range [1, 100]")]
    [InlineData("defaults: {coldStart: {historySize: 5, minSamples: 6}}", "defaults.coldStart.minSamples: 6 is greater than historySize 5")]
    [InlineData("defaults: {coldStart: {windowFactor: 2}}", "defaults.coldStart.windowFactor: unknown key")]
    [InlineData("defaults: {dryRun: true}", "defaults.dryRun: unknown key")]
    [InlineData("defaults: {warmPool: {minimum: 1.5}}", "defaults.warmPool.minimum: \"1.5\" is not an integer")]
    [InlineData("defaults: {warmPool: {predictive: {maxExtra: -1}}}", "defaults.warmPool.predictive.maxExtra: -1 is out of range [0, 1000]")]
    [InlineData("defaults: {warmPool: {headroom: {fraction: -0.1}}}", "defaults.warmPool.headroom.fraction: -0.1 is out of range [0, 10]")]
    [InlineData("defaults: {warmPool: {headroom: {fraction: lots}}}", "defaults.warmPool.headroom.fraction: \"lots\" is not a number")]
    [InlineData("defaults: {warmPool: {headroom: {percent: 20}}}", "defaults.warmPool.headroom.percent: unknown key")]
    [InlineData("defaults: {warmPool: {headroom: 0.2}}", "defaults.warmPool.headroom: expected a mapping")]
    [InlineData("defaults: {warmPool: {backend: buffers}}", "defaults.warmPool.backend: \"buffers\" is not one of placeholders, capacityBuffer, auto")]
    [InlineData("defaults: {warmPool: {backend: [auto]}}", "defaults.warmPool.backend: expected a scalar")]
    [InlineData("defaults: {warmPool: {provisioningStrategy: \"active capacity\"}}", "defaults.warmPool.provisioningStrategy: must be a strategy name such as buffer.x-k8s.io/active-capacity")]
    [InlineData("workloads: {name: x}", "workloads: expected a list, got a mapping")]
    [InlineData("workloads: [{name: x}]", "workloads[0].namespace: is required")]
    [InlineData("workloads: [{namespace: llm, name: Qwen_7B}]", "workloads[0].name: \"Qwen_7B\" is not a valid object name")]
    [InlineData("workloads: [{namespace: llm, name: m, kind: Deploymnet}]", "workloads[0].apiVersion: is required for kind \"Deploymnet\" (only Deployment (apps/v1), StatefulSet (apps/v1), LeaderWorkerSet (leaderworkerset.x-k8s.io/v1) have a default)")]
    [InlineData("workloads: [{namespace: llm, name: m, replicas: 3}]", "workloads[0].replicas: unknown key")]
    [InlineData("workloads: [{namespace: llm, name: m}, {namespace: llm, name: m}]", "workloads[1]: Deployment llm/m is already configured by workloads[0]")]
    [InlineData("workloads: [{namespace: llm, name: m, scaleDown: {maxWindowSeconds: 300}}]", "workloads[0].scaleDown.defaultWindowSeconds: 600 is outside [minWindowSeconds 120, maxWindowSeconds 300]")]
    public void Invalid_config_is_refused_with_the_field_named(string yaml, string expected)
    {
        var result = ConfigLoader.Load(yaml);

        Assert.Null(result.Config);
        Assert.Contains(result.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("days: [Mun], start: \"08:00\", end: \"18:00\", size: 1", "workloads[1].warmPool.schedules[0].days: \"Mun\" is not a day of the week")]
    [InlineData("days: [], start: \"08:00\", end: \"18:00\", size: 1", "workloads[1].warmPool.schedules[0].days: must list at least one day")]
    [InlineData("days: [Mon], start: \"24:00\", end: \"18:00\", size: 1", "workloads[1].warmPool.schedules[0].start: \"24:00\" is not a time of day")]
    [InlineData("days: [Mon], start: \"06:00\", end: \"06:00\", size: 1", "workloads[1].warmPool.schedules[0].end: \"06:00\" equals start")]
    [InlineData("days: [Mon], start: \"08:00\", end: \"18:00\", size: 1, timeZone: Mars/Olympus", "workloads[1].warmPool.schedules[0].timeZone: \"Mars/Olympus\" is not a known IANA time zone")]
    [InlineData("days: [Mon], start: \"08:00\", end: \"18:00\", size: -2", "workloads[1].warmPool.schedules[0].size: -2 is out of range [0, 1000]")]
    [InlineData("days: [Mon], start: \"08:00\", end: \"18:00\"", "workloads[1].warmPool.schedules[0].size: is required")]
    [InlineData("days: [Mon], start: \"08:00\", end: \"18:00\", size: 1, every: hour", "workloads[1].warmPool.schedules[0].every: unknown key")]
    public void Schedule_errors_name_the_schedule_field(string schedule, string expected)
    {
        var yaml = $"workloads:\n  - {{namespace: a, name: b}}\n  - {{namespace: a, name: c, warmPool: {{schedules: [{{{schedule}}}]}}}}\n";

        var result = ConfigLoader.Load(yaml);

        Assert.Null(result.Config);
        Assert.Contains(result.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void All_errors_are_reported_at_once()
    {
        var result = ConfigLoader.Load("dryRun: 3\nbudget: {maxGpus: x}\nworkloads: [{name: A}]");

        Assert.True(result.Errors.Count >= 4, string.Join("\n", result.Errors));
    }

    [Fact]
    public void Day_names_accept_full_names_in_any_case()
    {
        var result = ConfigLoader.Load(
            "defaults: {warmPool: {schedules: [{days: [monday, SUN], start: \"22:00\", end: \"02:00\", size: 1}]}}");

        Assert.Empty(result.Errors);
        var schedule = result.Config!.Defaults.WarmPool.Schedules[0];
        Assert.Equal([DayOfWeek.Sunday, DayOfWeek.Monday], schedule.Days.Order());
        Assert.Equal(TimeSpan.Zero, schedule.TimeZone.BaseUtcOffset); // timeZone defaults to UTC
    }
}
