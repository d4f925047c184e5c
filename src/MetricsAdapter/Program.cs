using Autoscale.MetricsAdapter.Hosting;
using Autoscale.MetricsAdapter.Preflight;

// Composes only: `serve` (default) runs in a cluster, `--preflight` and `compare` check an install before it takes
// custom.metrics.k8s.io over. The demo is its own program (src/Autoscale.Demo).
try
{
    var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "serve";
    var rest = command == "serve" && (args.Length == 0 || args[0].StartsWith('-')) ? args : args[1..];
    if (args.Contains("--version"))
    {
        Console.WriteLine(ThisBuild.Current.Line);
        return 0;
    }

    // --preflight (the chart's install hook) and compare: before the switch from another adapter.
    var preflight = command == "serve" && rest.Contains("--preflight");
    if (rest.Contains("--help") || rest.Contains("-h") || command == "help")
    {
        Console.WriteLine(preflight ? PreflightCommand.Usage : command == "compare" ? CompareCommand.Usage : CommandLine.Usage);
        return 0;
    }

    if (preflight)
    {
        return await PreflightCommand.RunAsync(rest, Console.Out, Console.Error);
    }

    return command switch
    {
        "compare" => await CompareCommand.RunAsync(rest, Console.Out, Console.Error),
        "demo" => throw new ArgumentException("the demo is its own program now: dotnet run --project src/Autoscale.Demo"),
        "serve" => await ServeCommand.RunAsync(rest),
        _ => throw new ArgumentException($"unknown command \"{command}\""),
    };
}
catch (ArgumentException ex)
{
    // One line: the operator reads the last line of a crash-looping pod's log.
    await Console.Error.WriteLineAsync($"error: {ex.Message} (see --help)");
    return 2;
}
catch (StartupException ex)
{
    await Console.Error.WriteLineAsync($"error: {ex.Message}");
    return 1;
}
