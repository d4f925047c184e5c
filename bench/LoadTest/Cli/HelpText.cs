namespace Autoscale.LoadTest.Cli;

internal static class HelpText
{
    public static string Usage { get; } = """
        Autoscale load-test simulator: replays a trace against simulated vLLM replicas on a GPU cluster, once per
        scaling policy, in virtual time, and compares SLO attainment and GPU-hours.

        usage: Autoscale.LoadTest simulate --trace FILE [options] --json OUT.json --html OUT.html
               Autoscale.LoadTest adapter [options]      (the metrics adapter load test; adapter --help)
               Autoscale.LoadTest --version
               Autoscale.LoadTest profile-report [--json FILE]
                                (per replica profile: idle TTFT at 1k/8k/32k prompt tokens, idle ITL, and saturated
                                req/s, out tok/s and mean ITL, 1,000 requests at t=0 as `vllm bench serve --request-rate
                                inf`, on a ShareGPT-like (~230/~200) and a 1k/250 shape; JSON nulls = beyond max_model_len)


        """ + CliParser.Flags.Help() + """


        exit codes: 0 ok, 1 runtime failure (for example a malformed trace, with its line number), 2 bad usage.
        """;

    /// <summary><see cref="Usage"/> and the replica profiles <c>--profile</c> takes (the list the usage promises).</summary>
    public static string WithProfiles() =>
        Usage.TrimEnd() + "\n\nreplica profiles (--profile NAME):\n"
        + string.Join('\n', Autoscale.VllmEmulator.Model.ReplicaProfiles.All.Select(p =>
            $"  {p.Name,-24}{p.ModelName} on {(p.GpuCount > 1 ? $"{p.GpuCount} × " : "")}{p.Accelerator}, max_model_len {p.MaxModelLen}"));
}
