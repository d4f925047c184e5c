using System.Text.Json;
using Autoscale.Hosting.Flags;
using Autoscale.LoadTest.Cli;
using Autoscale.LoadTest.Config;
using Autoscale.LoadTest.Controller;
using Autoscale.LoadTest.Policies;
using Autoscale.LoadTest.Replicas;
using Autoscale.LoadTest.Report;
using Autoscale.LoadTest.Traces;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.LoadTest.Simulation;

/// <summary>
/// The <c>simulate</c> command: load and shape the trace, derive each request's SLO limits, compute the work bound
/// and the SLO-feasible bound, run every policy from the same start, score each run per request, then write the
/// summary and the report.
/// </summary>
internal static class SimulationRunner
{
    public static (SimulationSummary Summary, string Json, string Html) Run(SimulateOptions options, TextWriter? progress)
    {
        if (!ReplicaProfiles.TryGet(options.Profile, out var profile))
        {
            throw new FlagException($"unknown --profile '{options.Profile}'; known: {string.Join(", ", ReplicaProfiles.All.Select(p => p.Name))}");
        }

        var config = options.Config is null ? SimConfig.Default : SimConfigReader.Read(options.Config);
        if (options.SeedPrefillScale != 1 || options.SeedDecodeScale != 1)
        {
            config = config with { Autoscale = config.Autoscale with { SeedError = new SeedError(options.SeedPrefillScale, options.SeedDecodeScale) } };
        }

        var trace = TraceTransforms.Apply(Load(options), options.RateScale, options.TimeScale, options.Seed);
        return Run(trace, options, config, profile, progress);
    }

    public static (SimulationSummary Summary, string Json, string Html) Run(Trace trace, SimulateOptions options, SimConfig config, ReplicaProfile profile, TextWriter? progress)
    {
        Func<IReplicaEngine> engines = () => new EmulatedReplicaEngine(profile);
        var slo = new RequestSlo(options.Slo, new IsolatedLatency(engines));
        var work = WorkBound.Compute(trace, profile, slo.IsServable);
        progress?.Write("SLO-feasible bound…");
        var started = TimeProvider.System.GetTimestamp();
        var feasible = FeasibleBound.Compute(trace, engines, slo);
        progress?.WriteLine(FormattableString.Invariant($" {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s"));
        var demand = OracleDemand.From(feasible, work);
        var replicas = Math.Min(InitialReplicas(options, config, demand), config.Cluster.MaxNodes);
        var balloons = options.WarmPoolAll ? BalloonPool.LikeAutoscale(config.Autoscale, config.Cluster.MaxNodes, replicas) : null;
        var simulation = new SimulationOptions(config.Cluster, options.Seed, replicas, Balloons: balloons);
        var runs = new List<RunResult>();
        var scores = new List<SloScore>();
        var policies = new List<PolicySummary>();
        foreach (var name in options.Policies)
        {
            var bar = progress is null ? null : new ProgressBar(progress, name);
            var policy = PolicyFactory.Create(name, config, demand, profile);
            // Described before the run: the autoscale controller rewrites the HPA's behavior as it learns.
            var settings = policy.Describe();
            var (cpu, began) = (Environment.CpuUsage.TotalTime, TimeProvider.System.GetTimestamp());
            var run = new Simulator(trace, policy, simulation, engines, bar is null ? null : bar.Report).Run();
            bar?.Done();
            SimulatorSpeed.Report(progress, name, trace.Requests.Count, Environment.CpuUsage.TotalTime - cpu, TimeProvider.System.GetElapsedTime(began));
            runs.Add(run);
            var score = SloScorer.Score(trace, run, slo, config.Cluster.MaxNodes, Summarizer.WarmupSeconds);
            scores.Add(score);
            policies.Add(Summarizer.Summarize(run, score, feasible, work, settings, config.Cluster.MaxNodes, profile.GpuCount));
        }

        var servable = trace.Requests.Count(slo.IsServable);
        var summary = new SimulationSummary(
            trace.Name, profile.Name, options.Seed, options.RateScale, options.TimeScale,
            new SloSummary(
                options.Slo.TtftFloorSeconds, options.Slo.TtftFactor, options.Slo.TpotFloorSeconds, options.Slo.TpotFactor,
                Math.Round(slo.IdleItlSeconds, 5), Math.Round(slo.TpotLimitSeconds, 5), options.Slo.Target),
            trace.Requests.Count, servable, trace.Requests.Count - servable, Math.Round(trace.DurationSeconds, 3), config.Cluster.MaxNodes,
            Math.Round(work.ReplicaHours * profile.GpuCount, 3), Math.Round(feasible.ReplicaHours * profile.GpuCount, 3), Math.Round(feasible.Attainment, 4),
            policies);
        var json = JsonSerializer.Serialize(summary, SummaryJsonContext.Default.SimulationSummary) + "\n";
        if (options.Series is { } folder)
        {
            Directory.CreateDirectory(folder);
            foreach (var run in runs)
            {
                File.WriteAllLines(Path.Combine(folder, run.Policy + ".csv"),
                    ["at,desired,ready,pods,nodes,placeholders,waiting,buffered", .. run.Series.Select(p => FormattableString.Invariant(
                        $"{p.At:0},{p.Desired},{p.Ready},{p.Pods},{p.Nodes},{p.Placeholders},{p.Waiting},{p.Buffered}"))]);
                if (run.PlannerEvents is { Count: > 0 } events)
                {
                    // The planner's Events as the HPA would show them: when, the number published (empty: stopped), why.
                    File.WriteAllLines(Path.Combine(folder, run.Policy + "-planner.csv"),
                        ["at,replicas,reason,message", .. events.Select(e => FormattableString.Invariant(
                            $"{e.At:0},{e.Replicas},{e.Reason},\"{e.Message.Replace("\"", "\"\"", StringComparison.Ordinal)}\""))]);
                }
            }
        }

        return (summary, json, HtmlReport.Render(summary, runs, scores, feasible, work));
    }

    /// <summary>
    /// Every policy starts from the same ready fleet. <c>--start bound</c>: the feasible bound's first-minute fleet.
    /// <c>--start steady</c>: the largest fleet the feasible bound needs over the first cold-start lead (what the
    /// oracle holds at t = 0), as a service already running before the trace began would have it, so a policy is not
    /// judged on a start-up it would never face.
    /// </summary>
    private static int InitialReplicas(SimulateOptions options, SimConfig config, OracleDemand demand) =>
        options.SteadyStart
            ? new OraclePolicy(config.Oracle with { Sizing = OracleSizing.Slo, Utilization = 1 }, demand, OracleDemand.ColdStartQuantile(config.Cluster, config.Oracle.LeadQuantile)).Desired(0)
            : demand.Need(0, OracleSizing.Slo);

    private static Trace Load(SimulateOptions options)
    {
        switch (options.Format)
        {
            case "mooncake":
                return MooncakeTraceReader.Read(options.Trace);
            case "servegen":
                var sizes = AzureTraceReader.Read(options.Sizes ?? Path.Combine(AppContext.BaseDirectory, "traces", "azure-llm-2023", "AzureLLMInferenceTrace_conv.csv"));
                var rates = ServeGenCurve.ReadTotalRates(options.Trace);
                return ServeGenCurve.Generate(Path.GetFileName(options.Trace.TrimEnd('/')), rates, options.ServeGenMeanRate, options.DurationSeconds ?? 86_400, sizes, options.Seed);
            default:
                return AzureTraceReader.Read(options.Trace);
        }
    }
}
