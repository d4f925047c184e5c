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
                slo: {"{"}ttftFloorSeconds: 1.5, ttftSlowdown: 4, tpotFloorSeconds: 0.08, tpotSlowdown: 2.5, attainment: 0.995, quantile: 0.95{"}"}
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
        Assert.Equal(0.995, planner.Slo.Attainment);
        Assert.False(planner.Forecast);
        Assert.Equal(900, planner.DefaultHorizonSeconds);
        Assert.Equal((8, 60), (planner.MaxStep, planner.MaxInputAgeSeconds));
        Assert.Equal((0.5, PlannerPolicy.Off.OutputCv), (planner.PromptCv, planner.OutputCv));
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
    [InlineData("{slo: {attainment: 1}}", "workloads[0].planner.slo.attainment: 1 is out of range [0.5, 0.9999]")]
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

    // Two `vllm bench serve --save-result` runs of one replica: alone (500-token prompts: TTFT = one 12 ms step + 50 ms of
    // prefill) and at 65 concurrent requests (ITL 24.8 ms), the first pasted as the JSON the benchmark wrote, the second as YAML.
    private const string BenchServe = """
        profile:
                  kvCacheTokens: 60000
                  maxSequences: 256
                  benchServe:
                    - |
                      {"date": "20261207-063000", "backend": "vllm", "model_id": "meta-llama/Llama-3.1-8B-Instruct", "num_prompts": 100,
                       "request_rate": "inf", "burstiness": 1.0, "max_concurrency": 1, "duration": 180.2, "completed": 100,
                       "total_input_tokens": 50000, "total_output_tokens": 20000, "request_throughput": 0.55,
                       "mean_ttft_ms": 62.0, "median_ttft_ms": 61.0, "p99_ttft_ms": 70.0, "mean_tpot_ms": 12.1, "mean_itl_ms": 12.0, "p99_itl_ms": 14.0}
                    - {max_concurrency: 65, completed: 1000, total_input_tokens: 500000, total_output_tokens: 200000, mean_ttft_ms: 300, mean_itl_ms: 24.8, p99_itl_ms: 40}
        """;

    [Fact]
    public void A_profile_is_fitted_from_vllm_bench_serve_results()
    {
        var result = ConfigLoader.Load($"""
            workloads:
              - namespace: llm
                name: a
                planner:
                  enabled: true
                  {BenchServe}
            """);

        Assert.Empty(result.Errors);
        var profile = result.Config!.Workloads[0].Policy.Planner.Profile!;
        Assert.Equal(0.0118, profile.DecodeStepBaseSeconds, 9);          // the line through (1, 12 ms) and (65, 24.8 ms)
        Assert.Equal(0.0002, profile.DecodeStepPerSequenceSeconds, 9);
        Assert.Equal(0.0001, profile.PrefillSecondsPerToken, 9);         // (62 ms − 12 ms) / 500 tokens
        Assert.Null(profile.Invalid());
    }

    [Fact]
    public void An_explicit_field_wins_over_the_fit()
    {
        var result = ConfigLoader.Load($"""
            workloads:
              - namespace: llm
                name: a
                planner:
                  enabled: true
                  {BenchServe.Replace("maxSequences: 256", "maxSequences: 256\n          decodeStepBaseSeconds: 0.02", StringComparison.Ordinal)}
            """);

        Assert.Empty(result.Errors);
        var profile = result.Config!.Workloads[0].Policy.Planner.Profile!;
        Assert.Equal((0.02, 0.0002), (profile.DecodeStepBaseSeconds, Math.Round(profile.DecodeStepPerSequenceSeconds, 9)));
    }

    [Fact]
    public void Runs_above_max_num_seqs_are_fitted_at_the_batch_the_replica_ran()
    {
        // At --max-concurrency 512 with --max-num-seqs 256 the batch holds 256 (the rest wait): ITL 12 + 0.2 × 255 ms.
        var result = ConfigLoader.Load($"""
            workloads:
              - namespace: llm
                name: a
                planner:
                  enabled: true
                  {BenchServe.Replace("max_concurrency: 65", "max_concurrency: 512", StringComparison.Ordinal).Replace("mean_itl_ms: 24.8", "mean_itl_ms: 63", StringComparison.Ordinal)}
            """);

        Assert.Empty(result.Errors);
        var profile = result.Config!.Workloads[0].Policy.Planner.Profile!;
        Assert.Equal((0.0118, 0.0002), (Math.Round(profile.DecodeStepBaseSeconds, 9), Math.Round(profile.DecodeStepPerSequenceSeconds, 9)));
    }

    [Theory]
    [InlineData("[{max_concurrency: null, completed: 10, total_input_tokens: 1, total_output_tokens: 1, mean_ttft_ms: 1, mean_itl_ms: 1}]",
        "workloads[0].planner.profile.benchServe[0].max_concurrency: is required: run vllm bench serve with --max-concurrency")]
    [InlineData("[{max_concurrency: 1, completed: 10, total_input_tokens: 1, total_output_tokens: 1, mean_ttft_ms: 1}]",
        "workloads[0].planner.profile.benchServe[0].mean_itl_ms: is required")]
    [InlineData("[{max_concurrency: 1, completed: 0, total_input_tokens: 1, total_output_tokens: 1, mean_ttft_ms: 1, mean_itl_ms: 1}]",
        "workloads[0].planner.profile.benchServe[0].completed: \"0\" is not a number ≥ 1")]
    [InlineData("[{max_concurrency: 2.5, completed: 1, total_input_tokens: 1, total_output_tokens: 1, mean_ttft_ms: 1, mean_itl_ms: 1}]",
        "workloads[0].planner.profile.benchServe[0].max_concurrency: 2.5 is not a whole number")]
    [InlineData("['{\"max_concurrency\": 1,']", "workloads[0].planner.profile.benchServe[0]: is not JSON")]
    [InlineData("[[1, 2]]", "workloads[0].planner.profile.benchServe[0]: expected a vllm bench serve --save-result document")]
    [InlineData("[]", "workloads[0].planner.profile.benchServe: is empty")]
    [InlineData("[{max_concurrency: 1, completed: 1, total_input_tokens: 1, total_output_tokens: 1, mean_ttft_ms: 1, mean_itl_ms: 30},"
        + " {max_concurrency: 8, completed: 1, total_input_tokens: 1, total_output_tokens: 1, mean_ttft_ms: 1, mean_itl_ms: 20}]",
        "workloads[0].planner.profile.benchServe: mean ITL against concurrency gives base 31.429 ms and -1.4286 ms per sequence: not a step cost")]
    [InlineData("[{max_concurrency: 1, completed: 1, total_input_tokens: 100, total_output_tokens: 1, mean_ttft_ms: 10, mean_itl_ms: 10}]",
        "workloads[0].planner.profile.decodeStepBaseSeconds: is required when planner.enabled is true (here or in defaults.planner.profile), or benchServe runs at two or more --max-concurrency values")]
    [InlineData("[{max_concurrency: 8, completed: 1, total_input_tokens: 100, total_output_tokens: 1, mean_ttft_ms: 10, mean_itl_ms: 10},"
        + " {max_concurrency: 16, completed: 1, total_input_tokens: 100, total_output_tokens: 1, mean_ttft_ms: 10, mean_itl_ms: 12}]",
        "workloads[0].planner.profile.prefillSecondsPerToken: is required when planner.enabled is true (here or in defaults.planner.profile), or a benchServe run at --max-concurrency 1")]
    public void Bench_serve_errors_name_the_field(string runs, string expected)
    {
        var result = ConfigLoader.Load($"workloads: [{{namespace: llm, name: a, planner: {{enabled: true, profile: {{kvCacheTokens: 1000, maxSequences: 8, benchServe: {runs}}}}}}}]");

        Assert.Null(result.Config);
        Assert.Contains(result.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }
}
