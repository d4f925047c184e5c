using Autoscale.LoadTest.Adapter;
using Autoscale.LoadTest.Cli;
using Autoscale.LoadTest.Config;
using Autoscale.LoadTest.Profiles;
using Autoscale.LoadTest.Simulation;
using Autoscale.LoadTest.Traces;

if (args is ["adapter", ..] && (args.Contains("-h") || args.Contains("--help")))
{
    Console.Out.WriteLine(AdapterHelpText.Usage);
    return 0;
}

if (args.Length == 0 || args.Contains("-h") || args.Contains("--help"))
{
    Console.Out.WriteLine(HelpText.Usage);
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

    Console.Out.WriteLine($"{"policy",-14} {"SLO",7} {"SLO@20m",8} {"TTFT p50",9} {"p95",8} {"p99",8} {"qwait p95",10} {"GPU-h",7} {"x LB",6} {"x SLO-LB",8} {"events",7} {"dropped",8}");
    foreach (var p in summary.Policies)
    {
        Console.Out.WriteLine(FormattableString.Invariant(
            $"{p.Name,-14} {p.SloAttainment,7:P1} {p.SloAttainmentAfterWarmup,8:P1} {p.TtftP50Seconds,9:0.00} {p.TtftP95Seconds,8:0.00} {p.TtftP99Seconds,8:0.00} {p.QueueWaitP95Seconds,10:0.00} {p.GpuHours,7:0.00} {p.CostRatio,6:0.00} {p.CostRatioSloCapacity,8:0.00} {p.ScaleEvents,7} {p.Dropped,8}"));
    }

    Console.Out.WriteLine(FormattableString.Invariant($"lower bound {summary.LowerBoundGpuHours:0.000} GPU-hours; one replica sustains {summary.ReplicaCapacityRequestsPerSecond:0.##} req/s"));
    Console.Out.WriteLine(FormattableString.Invariant($"SLO-capacity reference {summary.SloCapacityGpuHours:0.000} GPU-hours; one replica meets the SLO for 99 % up to {summary.SloCapacityRequestsPerSecond:0.###} req/s"));
    return 0;
}
catch (CliUsageException e)
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
