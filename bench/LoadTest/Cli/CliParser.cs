using System.Globalization;
using Autoscale.Hosting.Flags;
using Autoscale.LoadTest.Report;

namespace Autoscale.LoadTest.Cli;

/// <summary>Parses <c>simulate</c> flags strictly: unknown flags, missing values and bad numbers are usage errors.</summary>
internal static class CliParser
{
    public static readonly string[] AllPolicies = Policies.PolicyFactory.Names;

    /// <summary>The <c>simulate</c> flags, declared once: <see cref="Parse"/> reads them and <see cref="HelpText.Usage"/> lists them.</summary>
    public static readonly FlagSet Flags = new FlagSet()
        .Value("trace", "FILE", "trace to replay (required). For --format servegen: a folder of chunk-*-trace.csv")
        .Value("format", "F", "azure (default: TIMESTAMP,ContextTokens,GeneratedTokens CSV) | mooncake (JSONL with\ntimestamp ms, input_length, output_length) | servegen (per-client rate windows;\nPoisson arrivals, request sizes drawn from --sizes)")
        .Value("config", "FILE", "YAML: cluster and policy settings ('autoscale.controller:' holds the scale controller's\nConfigMap document), or a ConfigMap document itself (configs/autoscale-default.yaml);\nwithout it, autoscale runs the shipped configs/autoscale-planner.yaml (built in)")
        .Value("policies", "LIST", "default all: " + string.Join(',', AllPolicies) + "\n(oracle: a reference that reads the future demand, not implementable)")
        .Value("rate-scale", "X", "multiply the arrival rate (default 1). <1 thins: each request kept independently\nwith probability X. >1 superposes: the trace as is, plus X-1 copies of each request\n(the fraction as a coin flip), each at a uniform random instant of its original's\nminute: every minute's count is X times the trace's, with no bursts added")
        .Value("time-scale", "X", "stretch the clock (default 1; 0.5 replays twice as fast)")
        .Value("profile", "NAME", "replica profile (default llama-3.1-8b-a10g); see the list below")
        .Value("slo-ttft-floor", "S", "per-request SLO, TTFT part: TTFT <= max(S, K x the request's own TTFT alone on an\nidle replica of the profile); default S = 2 (--slo-ttft: its old name)")
        .Alias("--slo-ttft", "slo-ttft-floor", hidden: true)
        .Value("slo-ttft-factor", "K", "K of the TTFT part (default 5)")
        .Value("slo-tpot-floor", "S", "per-request SLO, TPOT part: (end-to-end - TTFT) / (output - 1) <= max(S, K x the\nprofile's idle inter-token latency); default S = 0.1. A request meets the SLO when it\nmeets both. Requests longer than max_model_len are refused by vLLM: counted apart\n(refused), never as an autoscaler's miss; attainment is over the rest")
        .Value("slo-tpot-factor", "K", "K of the TPOT part (default 3)")
        .Value("seed", "N", "seed for arrivals, cold-start draws and loop phases (default 1)")
        .Value("json", "FILE", "write the JSON summary (one object per policy)")
        .Value("html", "FILE", "write the self-contained HTML report")
        .Value("series", "DIR", "write each policy's 10 s time series to DIR/POLICY.csv\n(autoscale with the planner on: also its Events, DIR/autoscale-planner.csv)")
        .Value("start", "MODE", "bound (default): start from the SLO-feasible bound's first-minute fleet; steady: from\nthe most it needs over the first cold-start lead (as if already running)")
        .Bool("warm-pool-all", "run every policy that keeps no warm pool of its own beside a balloon Deployment of\nlow-priority placeholder pods (each holds a GPU node, is preempted by a replica and\nreplaced at once), sized as the scale controller of the autoscale config in force\nsizes its pool for the initial fleet, then fixed; the pods pre-pull the image when\nthat config's warmPool.prePullImage does. Same warm capacity, different decisions")
        .Value("sizes", "FILE", "servegen only: Azure CSV to draw request sizes from (default the bundled conv trace)")
        .Value("duration", "SECONDS", "servegen only: horizon to generate (default 86400, one day)")
        .Value("servegen-rate", "R", "servegen only: mean arrival rate in req/s before --rate-scale (default 5)")
        .Value("seed-prefill-scale", "X", "what-if for autoscale's planner: its seed's prefill cost is X times the simulated\nGPU's (default 1, exact; 0.77: the seed thinks prefill 1.3 x faster than it is). The\nplanner corrects it online from the pods' TTFT; its Events (--series) show the factor")
        .Value("seed-decode-scale", "X", "the same for the seed's decode step costs (corrected from the pods' ITL)")
        .Bool("no-progress", "no progress bar on stderr")
        .Bool("help", "this text")
        .Alias("-h", "help");

    public static SimulateOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] != "simulate")
        {
            throw new FlagException(args.Count == 0 ? "missing command: expected 'simulate' or 'adapter'" : $"unknown command '{args[0]}': expected 'simulate' or 'adapter'");
        }

        var values = Flags.Parse([.. args.Skip(1)]);
        if (Gave(args, "--slo-ttft") && Gave(args, "--slo-ttft-floor"))
        {
            throw new FlagException("--slo-ttft is an alias of --slo-ttft-floor: give one of them");
        }

        if (values.Get("trace") is not { } trace)
        {
            throw new FlagException("--trace is required");
        }

        var format = values.Get("format") ?? "azure";
        if (format is not ("azure" or "mooncake" or "servegen"))
        {
            throw new FlagException($"--format must be azure, mooncake or servegen, not '{format}'");
        }

        var policies = values.Get("policies") is { } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : AllPolicies;
        foreach (var policy in policies)
        {
            if (!AllPolicies.Contains(policy))
            {
                throw new FlagException($"unknown policy '{policy}'; known: {string.Join(',', AllPolicies)}");
            }
        }

        var start = values.Get("start") ?? "bound";
        if (start is not ("bound" or "steady"))
        {
            throw new FlagException($"--start must be bound or steady, not '{start}'");
        }

        if (policies.Length == 0)
        {
            throw new FlagException("--policies is empty");
        }

        return new SimulateOptions(
            trace,
            format,
            values.Get("config"),
            policies.Distinct().ToList(),
            Positive(values, "rate-scale", 1),
            Positive(values, "time-scale", 1),
            values.Get("profile") ?? "llama-3.1-8b-a10g",
            Slo(values),
            values.Get("seed") is { } seed
                ? int.TryParse(seed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : throw new FlagException($"--seed must be an integer, not '{seed}'")
                : 1,
            values.Get("json"),
            values.Get("html"),
            values.Get("sizes"),
            values.Has("duration") ? Positive(values, "duration", 0) : null,
            Positive(values, "servegen-rate", 5),
            !values.Bool("no-progress"),
            values.Get("series"),
            start == "steady",
            values.Bool("warm-pool-all"),
            Positive(values, "seed-prefill-scale", 1),
            Positive(values, "seed-decode-scale", 1));
    }

    private static bool Gave(IReadOnlyList<string> args, string token) =>
        args.Any(a => a == token || a.StartsWith(token + "=", StringComparison.Ordinal));

    /// <summary>The per-request SLO flags; <c>--slo-ttft</c> is the old name of <c>--slo-ttft-floor</c> and still accepted.</summary>
    private static SloOptions Slo(ParsedFlags values)
    {
        var defaults = SloOptions.Default;
        return new SloOptions(
            Positive(values, "slo-ttft-floor", defaults.TtftFloorSeconds),
            Positive(values, "slo-ttft-factor", defaults.TtftFactor),
            Positive(values, "slo-tpot-floor", defaults.TpotFloorSeconds),
            Positive(values, "slo-tpot-factor", defaults.TpotFactor),
            defaults.Target);
    }

    private static double Positive(ParsedFlags values, string flag, double fallback)
    {
        if (values.Get(flag) is not { } text)
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0) || double.IsInfinity(value))
        {
            throw new FlagException($"--{flag} must be a positive number, not '{text}'");
        }

        return value;
    }
}
