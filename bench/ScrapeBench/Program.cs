using Autoscale.Hosting.Flags;
using Autoscale.ScrapeBench;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Out.WriteLine(Cli.Usage);
    return args.Length == 0 ? 2 : 0;
}

try
{
    var options = Cli.Parse(args.Skip(1));
    return args[0] switch
    {
        "pods" => await PodsCommand.RunAsync(options),
        "scrape-loop" => await ScrapeLoopCommand.RunAsync(options),
        "store-vs-prometheus" => await StoreVsPrometheusCommand.RunAsync(options),
        "hostile-pages" => await HostilePagesCommand.RunAsync(options),
        _ => throw new FlagException($"unknown command '{args[0]}'"),
    };
}
catch (FlagException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}\n\n{Cli.Usage}");
    return 2;
}
