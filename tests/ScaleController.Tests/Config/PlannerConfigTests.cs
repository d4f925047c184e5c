using Autoscale.ScaleController.Config;

namespace Autoscale.ScaleController.Tests.Config;

public sealed class PlannerConfigTests
{
    private const string Profile = """
        profile:
                  prefillSecondsPerToken: 0.00012
                  decodeStepBaseSeconds: 0.012
                  decodeStepPerSequenceSeconds: 0.0002
                  kvCacheTokens: 60000
                  maxSequences: 256
        """;

    [Fact]
    public void The_planner_is_off_unless_enabled()
    {
        var result = ConfigLoader.Load("workloads: [{namespace: llm, name: a}]");

        Assert.Empty(result.Errors);
        Assert.False(result.Config!.Workloads[0].Policy.Planner.Enabled);
    }

    [Fact]
    public void Defaults_hold_the_slo_and_each_workload_its_profile()
    {
        var result = ConfigLoader.Load($"""
            defaults:
              planner:
                enabled: true
                slo: {"{"}ttftFloorSeconds: 1.5, ttftSlowdown: 4, tpotFloorSeconds: 0.08, tpotSlowdown: 2.5, quantile: 0.95{"}"}
                forecast: {"{"}enabled: false, defaultHorizonSeconds: 900{"}"}
                maxStep: 8
            workloads:
              - namespace: llm
                name: a
                planner:
                  maxInputAgeSeconds: 60
                  lengths: {"{"}promptCv: 0.5{"}"}
                  {Profile}
            """);

        Assert.Empty(result.Errors);
        var planner = result.Config!.Workloads[0].Policy.Planner;
        Assert.True(planner.Enabled);
        Assert.Equal((1.5, 4.0, 0.08, 2.5), (planner.Slo.TtftFloorSeconds, planner.Slo.TtftFactor, planner.Slo.TpotFloorSeconds, planner.Slo.TpotFactor));
        Assert.Equal(0.95, planner.Quantile);
        Assert.False(planner.Forecast);
        Assert.Equal(900, planner.DefaultHorizonSeconds);
        Assert.Equal((8, 60), (planner.MaxStep, planner.MaxInputAgeSeconds));
        Assert.Equal((0.5, 1.0), (planner.PromptCv, planner.OutputCv));
        Assert.Equal(0.012, planner.Profile!.DecodeStepBaseSeconds);
        Assert.Equal(60_000, planner.Profile.KvCacheTokens);
        Assert.Equal(2048, planner.Profile.MaxBatchedTokens); // vLLM's default when not given
        Assert.Null(planner.Profile.Invalid());
    }

    [Fact]
    public void A_workload_overrides_one_profile_field_of_the_defaults()
    {
        var result = ConfigLoader.Load($"""
            defaults:
              planner:
                profile: {"{"}prefillSecondsPerToken: 0.00012, decodeStepBaseSeconds: 0.012, decodeStepPerSequenceSeconds: 0.0002, kvCacheTokens: 60000, maxSequences: 256{"}"}
            workloads:
              - {"{"}namespace: llm, name: a, planner: {"{"}enabled: true, profile: {"{"}kvCacheTokens: 30000{"}"}{"}"}{"}"}
            """);

        Assert.Empty(result.Errors);
        var profile = result.Config!.Workloads[0].Policy.Planner.Profile!;
        Assert.Equal((30_000, 256, 0.012), (profile.KvCacheTokens, profile.MaxSequences, profile.DecodeStepBaseSeconds));
    }

    [Theory]
    [InlineData("{enabled: true}", "workloads[0].planner.profile: is required when planner.enabled is true")]
    [InlineData("{enabled: true, profile: {decodeStepBaseSeconds: 0.01, kvCacheTokens: 1000, maxSequences: 8}}", "workloads[0].planner.profile.prefillSecondsPerToken: is required")]
    [InlineData("{enabled: true, profile: {prefillSecondsPerToken: 0.0001, decodeStepBaseSeconds: 0.01, maxSequences: 8}}", "workloads[0].planner.profile.kvCacheTokens: is required")]
    [InlineData("{enabled: true, profile: {prefillSecondsPerToken: 0.0001, decodeStepBaseSeconds: 0.01, maxSequences: 8}}", "workloads[0].planner.profile.decodeStepPerSequenceSeconds: is required")]
    [InlineData("{enabled: true, profile: {prefillSecondsPerToken: 0.0001, decodeStepBaseSeconds: 0.01, decodeStepPerSequenceSeconds: 0, kvCacheTokens: 1000, maxSequences: 512, maxBatchedTokens: 256}}", "workloads[0].planner.profile.maxBatchedTokens: 256 is less than maxSequences 512")]
    [InlineData("{profile: {kvCacheTokens: -5}}", "workloads[0].planner.profile.kvCacheTokens: -5 is out of range")]
    [InlineData("{profile: {decodeStepBaseSeconds: fast}}", "workloads[0].planner.profile.decodeStepBaseSeconds: \"fast\" is not a number")]
    [InlineData("{profile: {gpus: 1}}", "workloads[0].planner.profile.gpus: unknown key")]
    [InlineData("{slo: {quantile: 1}}", "workloads[0].planner.slo.quantile: 1 is out of range [0.5, 0.999]")]
    [InlineData("{slo: {ttftSlowdown: 0.5}}", "workloads[0].planner.slo.ttftSlowdown: 0.5 is out of range")]
    [InlineData("{slo: {ttft: 2}}", "workloads[0].planner.slo.ttft: unknown key")]
    [InlineData("{maxStep: 0}", "workloads[0].planner.maxStep: 0 is out of range [1, 1000]")]
    [InlineData("{maxInputAgeSeconds: 5}", "workloads[0].planner.maxInputAgeSeconds: 5 is out of range [10, 3600]")]
    [InlineData("{forecast: {enabled: maybe}}", "workloads[0].planner.forecast.enabled: \"maybe\" is not a boolean")]
    [InlineData("{lengths: {outputCv: -1}}", "workloads[0].planner.lengths.outputCv: -1 is out of range")]
    [InlineData("{enable: true}", "workloads[0].planner.enable: unknown key")]
    [InlineData("true", "workloads[0].planner: expected a mapping")]
    public void Errors_name_the_field(string planner, string expected)
    {
        var result = ConfigLoader.Load($"workloads: [{{namespace: llm, name: a, planner: {planner}}}]");

        Assert.Null(result.Config);
        Assert.Contains(result.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void An_enabled_default_without_a_profile_is_refused_per_workload_not_for_the_defaults()
    {
        var result = ConfigLoader.Load("""
            defaults: {planner: {enabled: true}}
            workloads:
              - {namespace: llm, name: a, planner: {enabled: false}}
              - {namespace: llm, name: b}
            """);

        Assert.Equal(["workloads[1].planner.profile: is required when planner.enabled is true (here or in defaults.planner.profile): the per-replica service model the planner sizes from"], result.Errors);
    }
}
