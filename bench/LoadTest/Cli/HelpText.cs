namespace Autoscale.LoadTest.Cli;

internal static class HelpText
{
    public const string Usage = """
        Autoscale load-test simulator: replays a trace against simulated vLLM replicas on a GPU cluster, once per
        scaling policy, in virtual time, and compares SLO attainment and GPU-hours.

        usage: Autoscale.LoadTest simulate --trace FILE [options] --json OUT.json --html OUT.html
               Autoscale.LoadTest adapter [options]      (the metrics adapter load test; adapter --help)
               Autoscale.LoadTest --version
               Autoscale.LoadTest profile-report [--json FILE]
                                (per replica profile: idle TTFT at 1k/8k/32k prompt tokens, idle ITL, and saturated
                                req/s, out tok/s and mean ITL, 1,000 requests at t=0 as `vllm bench serve --request-rate
                                inf`, on a ShareGPT-like (~230/~200) and a 1k/250 shape; JSON nulls = beyond max_model_len)

          --trace FILE          trace to replay (required). For --format servegen: a folder of chunk-*-trace.csv
          --format F            azure (default: TIMESTAMP,ContextTokens,GeneratedTokens CSV) | mooncake (JSONL with
                                timestamp ms, input_length, output_length) | servegen (per-client rate windows;
                                Poisson arrivals, request sizes drawn from --sizes)
          --config FILE         YAML: cluster and policy settings ('autoscale.controller:' holds the scale controller's
                                ConfigMap document), or a ConfigMap document itself (configs/autoscale-default.yaml);
                                without it, autoscale runs the shipped configs/autoscale-planner.yaml (built in)
          --policies LIST       default all: cpu-hpa,common-recipe,keda,kpa,aibrix,gpu-util-hpa,autoscale,oracle
                                (oracle: a reference that reads the future demand, not implementable)
          --rate-scale X        multiply the arrival rate (default 1). <1 thins: each request kept independently
                                with probability X. >1 superposes: the trace as is, plus X-1 copies of each request
                                (the fraction as a coin flip), each at a uniform random instant of its original's
                                minute: every minute's count is X times the trace's, with no bursts added
          --time-scale X        stretch the clock (default 1; 0.5 replays twice as fast)
          --profile NAME        replica profile (default llama-3.1-8b-a10g); see the list below
          --slo-ttft-floor S    per-request SLO, TTFT part: TTFT <= max(S, K x the request's own TTFT alone on an
          --slo-ttft-factor K   idle replica of the profile); defaults S = 2, K = 5 (--slo-ttft: alias of the floor)
          --slo-tpot-floor S    per-request SLO, TPOT part: (end-to-end - TTFT) / (output - 1) <= max(S, K x the
          --slo-tpot-factor K   profile's idle inter-token latency); defaults S = 0.1, K = 3. A request meets the
                                SLO when it meets both. Requests longer than max_model_len are refused by vLLM:
                                counted apart (refused), never as an autoscaler's miss; attainment is over the rest
          --seed N              seed for arrivals, cold-start draws and loop phases (default 1)
          --json FILE           write the JSON summary (one object per policy)
          --html FILE           write the self-contained HTML report
          --series DIR          write each policy's 10 s time series to DIR/POLICY.csv
                                (autoscale with the planner on: also its Events, DIR/autoscale-planner.csv)
          --start MODE          bound (default): start from the SLO-feasible bound's first-minute fleet; steady: from
                                the most it needs over the first cold-start lead (as if already running)
          --warm-pool-all       run every policy that keeps no warm pool of its own beside a balloon Deployment of
                                low-priority placeholder pods (each holds a GPU node, is preempted by a replica and
                                replaced at once), sized as the scale controller of the autoscale config in force
                                sizes its pool for the initial fleet, then fixed; the pods pre-pull the image when
                                that config's warmPool.prePullImage does. Same warm capacity, different decisions
          --sizes FILE          servegen only: Azure CSV to draw request sizes from (default the bundled conv trace)
          --duration SECONDS    servegen only: horizon to generate (default 86400, one day)
          --servegen-rate R     servegen only: mean arrival rate in req/s before --rate-scale (default 5)
          --no-progress         no progress bar on stderr
          -h, --help            this text

        exit codes: 0 ok, 1 runtime failure (for example a malformed trace, with its line number), 2 bad usage.
        """;

    /// <summary><see cref="Usage"/> and the replica profiles <c>--profile</c> takes (the list the usage promises).</summary>
    public static string WithProfiles() =>
        Usage.TrimEnd() + "\n\nreplica profiles (--profile NAME):\n"
        + string.Join('\n', Autoscale.VllmEmulator.Model.ReplicaProfiles.All.Select(p =>
            $"  {p.Name,-24}{p.ModelName} on {(p.GpuCount > 1 ? $"{p.GpuCount} × " : "")}{p.Accelerator}, max_model_len {p.MaxModelLen}"));
}
