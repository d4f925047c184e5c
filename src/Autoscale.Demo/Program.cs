using Autoscale.Demo;
using Autoscale.Hosting;
using Autoscale.Hosting.Flags;
using Microsoft.Extensions.Logging;

// Composes only: both programs over one in-process cluster, until Ctrl-C.
try
{
    if (Welcome.Flags.Parse(args).Bool("help"))
    {
        Console.WriteLine(Welcome.Usage);
        return 0;
    }
}
catch (FlagException ex)
{
    await Console.Error.WriteLineAsync($"error: {ex.Message} (see --help)");
    return 2;
}

var options = new DemoOptions();
using var logging = LoggerFactory.Create(l => l.AddAutoscaleConsole(new LogSettings(Json: false, options.LogLevel), TimeProvider.System));
using var stop = new CancellationTokenSource();
// Ctrl-C and SIGTERM both stop everything cleanly.
using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, Stop);
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, Stop);

DemoRun run;
try
{
    run = await DemoRun.StartAsync(options, logging, stop.Token);
}
catch (IOException ex) when (ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
{
    await Console.Error.WriteLineAsync($"error: {ex.Message} (is another demo running?)");
    return 1;
}

await using var running = run;
Console.WriteLine(Welcome.Text(run));
try
{
    await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, stop.Token);
}
catch (OperationCanceledException)
{
}

return 0;

void Stop(System.Runtime.InteropServices.PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
