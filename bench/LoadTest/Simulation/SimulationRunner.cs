using System.Text.Json;
using Autoscale.LoadTest.Cli;
using Autoscale.LoadTest.Config;
using Autoscale.LoadTest.Policies;
using Autoscale.LoadTest.Replicas;
using Autoscale.LoadTest.Report;
using Autoscale.LoadTest.Traces;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.LoadTest.Simulation;

/// <summary>
/// The <c>simulate</c> command: load and shape the trace, measure the fluid bound, run every policy from the same
/// start, then write the summary and the report.
/// </summary>
internal static class SimulationRunner
{
    public static (SimulationSummary Summary, string Json, string Html) Run(SimulateOptions options, TextWriter? progress)
    {
        if (!ReplicaProfiles.TryGet(options.Profile, out var profile))
        {
            throw new CliUsageException($"unknown --profile '{options.Profile}'; known: {string.Join(", ", ReplicaProfiles.All.Select(p => p.Name))}");
        }

        var config = options.Config is null ? SimConfig.Default : SimConfigReader.Read(options.Config);
        var trace = TraceTransforms.Apply(Load(options), options.RateScale, options.TimeScale, options.Seed);
        return Run(trace, options, config, profile, progress);
    }

    public static (SimulationSummary Summary, string Json, string Html) Run(Trace trace, SimulateOptions options, SimConfig config, ReplicaProfile profile, TextWriter? progress)
    {
        Func<IReplicaEngine> engines = () => new EmulatedReplicaEngine(profile);
        var bound = FluidBound.Compute(trace, engines);
        var slo = SloCapacity.Compute(trace, engines, bound, options.SloTtftSeconds, seed: options.Seed);
        var demand = OracleDemand.From(trace, bound, slo);
        var initial = options.SteadyStart
            ? new OraclePolicy(new OracleOptions(), demand, OracleDemand.ColdStartQuantile(config.Cluster, new OracleOptions().LeadQuantile)).Desired(0)
            : bound.ReplicasPerBin.Count == 0 ? 1 : bound.ReplicasPerBin[0];
        var replicas = Math.Min(initial, config.Cluster.MaxNodes);
        var balloons = options.WarmPoolAll ? BalloonPool.LikeAutoscale(config.Autoscale, config.Cluster.MaxNodes, replicas) : null;
        var simulation = new SimulationOptions(config.Cluster, options.Seed, options.SloTtftSeconds, replicas, Balloons: balloons);
        var runs = new List<RunResult>();
        foreach (var name in options.Policies)
        {
            var bar = progress is null ? null : new ProgressBar(progress, name);
            var policy = PolicyFactory.Create(name, config, demand, profile);
            var (cpu, started) = (Environment.CpuUsage.TotalTime, TimeProvider.System.GetTimestamp());
            runs.Add(new Simulator(trace, policy, simulation, engines, bar is null ? null : bar.Report).Run());
            bar?.Done();
            SimulatorSpeed.Report(progress, name, trace.Requests.Count, Environment.CpuUsage.TotalTime - cpu, TimeProvider.System.GetElapsedTime(started));
        }

        var summary = new SimulationSummary(
            trace.Name, profile.Name, options.Seed, options.RateScale, options.TimeScale, options.SloTtftSeconds,
            trace.Requests.Count, Math.Round(trace.DurationSeconds, 3), Math.Round(bound.ReplicaRequestsPerSecond, 4), Math.Round(bound.GpuHours, 3),
            Math.Round(slo.ReplicaRequestsPerSecond, 4), Math.Round(slo.GpuHours, 3),
            runs.Select(r => Summarizer.Summarize(r, bound, slo, options.SloTtftSeconds)).ToList());
        var json = JsonSerializer.Serialize(summary, SummaryJsonContext.Default.SimulationSummary) + "\n";
        if (options.Series is { } folder)
        {
            Directory.CreateDirectory(folder);
            foreach (var run in runs)
            {
                File.WriteAllLines(Path.Combine(folder, run.Policy + ".csv"),
                    ["at,desired,ready,pods,nodes,placeholders,waiting,buffered", .. run.Series.Select(p => FormattableString.Invariant(
                        $"{p.At:0},{p.Desired},{p.Ready},{p.Pods},{p.Nodes},{p.Placeholders},{p.Waiting},{p.Buffered}"))]);
            }
        }

        return (summary, json, HtmlReport.Render(summary, runs, bound));
    }

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
