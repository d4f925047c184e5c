using Autoscale.Hosting.Flags;
using Autoscale.LoadTest.Adapter;
using Autoscale.LoadTest.Cli;
using Autoscale.LoadTest.Config;
using Autoscale.LoadTest.Profiles;
using Autoscale.LoadTest.Simulation;
using Autoscale.LoadTest.Traces;

if (args.Contains("--version"))
{
    // The adapter's reader of build information, over this assembly (one <Version> and commit for the repository).
    Console.Out.WriteLine(Autoscale.Hosting.BuildInfo.Of(typeof(HelpText).Assembly).Line);
    return 0;
}

if (args is ["adapter", ..] && (args.Contains("-h") || args.Contains("--help")))
{
    Console.Out.WriteLine(AdapterHelpText.Usage);
    return 0;
}

if (args.Length == 0 || args.Contains("-h") || args.Contains("--help"))
{
    Console.Out.WriteLine(HelpText.WithProfiles());
    return args.Length == 0 ? 2 : 0;
}

try
{
    if (args[0] == "adapter")
    {
        return args switch
        {
            [_, "cluster", ..] => await ClusterCommand.RunAsync(AdapterCliParser.ParseCluster(args), Console.Out),
            [_, "serve-bench", ..] => await ServeBenchCommand.RunAsync(AdapterCliParser.ParseServeBench(args), Console.Out),
            _ => await AdapterCommand.RunAsync(AdapterCliParser.Parse(args), Console.Out),
        };
    }

    if (args[0] == "profile-report")
    {
        return ProfileReportCommand.Run(args, Console.Out);
    }

    var options = CliParser.Parse(args);
    var (summary, json, html) = SimulationRunner.Run(options, options.Progress ? Console.Error : null);
    if (options.Json is { } jsonPath)
    {
        File.WriteAllText(jsonPath, json);
    }

    if (options.Html is { } htmlPath)
    {
        File.WriteAllText(htmlPath, html);
    }

    Console.Out.WriteLine($"{"policy",-14} {"SLO",7} {"TTFT ok",8} {"TPOT ok",8} {"SLO@20m",8} {"TTFT p95",9} {"p99",7} {"TPOT p95",9} {"GPU-h",7} {"x feas",7} {"x work",7} {"events",7} {"dropped",8}");
    foreach (var p in summary.Policies)
    {
        Console.Out.WriteLine(FormattableString.Invariant(
            $"{p.Name,-14} {p.SloAttainment,7:P1} {p.TtftAttainment,8:P1} {p.TpotAttainment,8:P1} {p.SloAttainmentAfterWarmup,8:P1} {p.TtftP95Seconds,9:0.00} {p.TtftP99Seconds,7:0.00} {p.TpotP95Seconds,9:0.000} {p.GpuHours,7:0.00} {p.GpuHoursVsFeasibleBound,7:0.00} {p.GpuHoursVsWorkBound,7:0.00} {p.ScaleEvents,7} {p.Dropped,8}"));
    }

    Console.Out.WriteLine(FormattableString.Invariant(
        $"SLO-feasible bound {summary.FeasibleBoundGpuHours:0.000} GPU-hours (its own attainment {summary.FeasibleBoundAttainment:P2}); work bound {summary.WorkBoundGpuHours:0.000} GPU-hours"));
    Console.Out.WriteLine(FormattableString.Invariant(
        $"{summary.ServableRequests} servable requests; {summary.RefusedRequests} refused (longer than max_model_len: a deployment error, in no attainment)"));
    return 0;
}
catch (FlagException e)
{
    Console.Error.WriteLine("error: " + e.Message);
    Console.Error.WriteLine("run with --help for usage");
    return 2;
}
catch (Exception e) when (e is TraceFormatException or ConfigException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine("error: " + e.Message);
    return 1;
}
