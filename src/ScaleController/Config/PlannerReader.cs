using System.Globalization;
using Autoscale.Kubernetes.Yaml;
using Autoscale.ScaleController.Decide.Planner;

namespace Autoscale.ScaleController.Config;

/// <summary>
/// Reads <c>planner</c>, each field overriding the baseline (so <c>defaults.planner</c> can hold the SLO and a
/// workload only its profile). Whether an enabled planner has a complete profile is checked per workload, once the
/// layers are merged (<see cref="CheckComplete"/>).
/// </summary>
internal static class PlannerReader
{
    /// <summary>The profile key holding <c>vllm bench serve --save-result</c> documents to fit step costs from (<see cref="BenchServeFit"/>).</summary>
    public const string BenchServe = "benchServe";

    // The profile's keys, in the order the model declares them; the config names fields in camelCase.
    private static readonly string[] ProfileKeys =
    [
        "prefillSecondsPerToken", "decodeStepBaseSeconds", "decodeStepPerSequenceSeconds", "decodeStepPerContextTokenSeconds",
        "prefillAttentionPerContextToken", "kvCacheTokens", "blockSize", "maxSequences", "maxBatchedTokens",
    ];

    public static PlannerPolicy Read(YamlMap map, PlannerPolicy b)
    {
        map.RejectUnknownKeys("enabled", "slo", "profile", "lengths", "forecast", "maxStep", "maxInputAgeSeconds");
        var policy = b with
        {
            Enabled = map.Bool("enabled", b.Enabled),
            MaxStep = map.Int("maxStep", b.MaxStep, 1, 1000),
            MaxInputAgeSeconds = map.Int("maxInputAgeSeconds", b.MaxInputAgeSeconds, 10, 3600),
        };
        if (map.Map("slo") is { } slo)
        {
            slo.RejectUnknownKeys("ttftFloorSeconds", "ttftSlowdown", "tpotFloorSeconds", "tpotSlowdown", "attainment", "quantile");
            policy = policy with
            {
                Slo = new PlannerSlo(
                    slo.Double("ttftFloorSeconds", b.Slo.TtftFloorSeconds, 0.01, 600),
                    slo.Double("ttftSlowdown", b.Slo.TtftFactor, 1, 1000),
                    slo.Double("tpotFloorSeconds", b.Slo.TpotFloorSeconds, 0.001, 60),
                    slo.Double("tpotSlowdown", b.Slo.TpotFactor, 1, 1000),
                    slo.Double("attainment", b.Slo.Attainment, 0.5, 0.9999)),
                Quantile = slo.Double("quantile", b.Quantile, 0.5, 0.999),
            };
        }

        if (map.Map("lengths") is { } lengths)
        {
            lengths.RejectUnknownKeys("promptCv", "outputCv");
            policy = policy with { PromptCv = lengths.Double("promptCv", b.PromptCv, 0, 10), OutputCv = lengths.Double("outputCv", b.OutputCv, 0, 10) };
        }

        if (map.Map("forecast") is { } forecast)
        {
            forecast.RejectUnknownKeys("enabled", "defaultHorizonSeconds");
            policy = policy with
            {
                Forecast = forecast.Bool("enabled", b.Forecast),
                DefaultHorizonSeconds = forecast.Int("defaultHorizonSeconds", b.DefaultHorizonSeconds, 0, 86_400),
            };
        }

        return map.Map("profile") is { } profile ? policy with { Profile = Profile(profile, b.Profile) } : policy;
    }

    /// <summary>An enabled planner needs every required profile field, from its own layer or the defaults'.</summary>
    public static void CheckComplete(YamlMap workload, PlannerPolicy policy)
    {
        var path = workload.Child("planner");
        if (!policy.Enabled)
        {
            return;
        }

        if (policy.Profile is not { } profile)
        {
            workload.Errors.Add($"{path}.profile", "is required when planner.enabled is true (here or in defaults.planner.profile): the per-replica service model the planner sizes from");
            return;
        }

        const string decodeFit = ", or benchServe runs at two or more --max-concurrency values";
        var missing = new (string Key, bool Set, string Hint)[]
        {
            ("prefillSecondsPerToken", !double.IsNaN(profile.PrefillSecondsPerToken), ", or a benchServe run at --max-concurrency 1"),
            ("decodeStepBaseSeconds", !double.IsNaN(profile.DecodeStepBaseSeconds), decodeFit),
            ("decodeStepPerSequenceSeconds", !double.IsNaN(profile.DecodeStepPerSequenceSeconds), decodeFit),
            ("kvCacheTokens", profile.KvCacheTokens > 0, " (\"GPU KV cache size\" in the vLLM start log)"),
            ("maxSequences", profile.MaxSequences > 0, " (vLLM --max-num-seqs)"),
        }.Where(f => !f.Set).ToList();
        foreach (var (key, _, hint) in missing)
        {
            workload.Errors.Add($"{path}.profile.{key}", $"is required when planner.enabled is true (here or in defaults.planner.profile){hint}");
        }

        if (missing.Count == 0 && profile.Invalid() is { } field)
        {
            // Every field is in range on its own (the reader checked), so what is left is the cross-field rule.
            workload.Errors.Add($"{path}.profile.{char.ToLowerInvariant(field[0])}{field[1..]}", field == nameof(ReplicaServiceProfile.MaxBatchedTokens)
                ? $"{profile.MaxBatchedTokens} is less than maxSequences {profile.MaxSequences}"
                : "is not valid");
        }
    }

    // A missing field stays NaN (or 0 for counts) until a layer sets it; CheckComplete names it if the planner is on.
    // Within a layer an explicit field wins over the benchServe fit, which wins over the layer below.
    private static ReplicaServiceProfile Profile(YamlMap map, ReplicaServiceProfile? b)
    {
        map.RejectUnknownKeys([.. ProfileKeys, BenchServe]);
        var maxBatchedTokens = map.Int("maxBatchedTokens", b?.MaxBatchedTokens ?? 2048, 1, 10_000_000);
        var maxSequences = map.Int("maxSequences", b?.MaxSequences ?? 0, 1, 100_000);
        var fit = map.Sequence(BenchServe) is { } runs
            ? BenchServeFit.Fit(runs, maxBatchedTokens, maxSequences, map.Child(BenchServe), map.Errors)
            : BenchServeFit.None;
        return new ReplicaServiceProfile
        {
            PrefillSecondsPerToken = map.Double("prefillSecondsPerToken", Fitted(fit.PrefillSecondsPerToken, "prefillSecondsPerToken", 1) ?? b?.PrefillSecondsPerToken ?? double.NaN, 0, 1),
            DecodeStepBaseSeconds = map.Double("decodeStepBaseSeconds", Fitted(fit.DecodeStepBaseSeconds, "decodeStepBaseSeconds", 10) ?? b?.DecodeStepBaseSeconds ?? double.NaN, 1e-6, 10),
            DecodeStepPerSequenceSeconds = map.Double(
                "decodeStepPerSequenceSeconds", Fitted(fit.DecodeStepPerSequenceSeconds, "decodeStepPerSequenceSeconds", 1) ?? b?.DecodeStepPerSequenceSeconds ?? double.NaN, 0, 1),
            DecodeStepPerContextTokenSeconds = map.Double("decodeStepPerContextTokenSeconds", b?.DecodeStepPerContextTokenSeconds ?? 0, 0, 1),
            PrefillAttentionPerContextToken = map.Double("prefillAttentionPerContextToken", b?.PrefillAttentionPerContextToken ?? 0, 0, 1),
            KvCacheTokens = map.Int("kvCacheTokens", b?.KvCacheTokens ?? 0, 1, 100_000_000),
            BlockSize = map.Int("blockSize", b?.BlockSize ?? 16, 1, 1024),
            MaxSequences = maxSequences,
            MaxBatchedTokens = maxBatchedTokens,
        };

        // A fitted value past the field's own range is named like an explicit one would be.
        double? Fitted(double? value, string key, double max)
        {
            if (value is not { } v || v <= max)
            {
                return value;
            }

            map.Errors.Add($"{map.Child(BenchServe)}", string.Create(CultureInfo.InvariantCulture, $"fits {key} = {v:G4}, out of range [0, {max}]"));
            return null;
        }
    }
}
