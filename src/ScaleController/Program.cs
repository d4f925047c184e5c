using System.Runtime.InteropServices;
using Autoscale.ScaleController.Hosting;
using k8s;
using Microsoft.Extensions.Logging;

// Composes only: parse flags, then either validate a config file (--check) or run watch → decide → act.
ControllerOptions options;
try
{
    if (args.Contains("--help") || args.Contains("-h"))
    {
        Console.WriteLine(CommandLine.Usage);
        return 0;
    }

    options = CommandLine.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync($"error: {ex.Message}\n\n{CommandLine.Usage}");
    return 2;
}

if (options.Check)
{
    return await CheckCommand.RunAsync(options.ConfigFile!);
}

using var logging = LoggerFactory.Create(l => l.AddSimpleConsole(o =>
{
    o.SingleLine = true;
    o.TimestampFormat = "HH:mm:ss ";
}));
KubernetesClientConfiguration clientConfiguration;
try
{
    clientConfiguration = options.Kubeconfig is { } kubeconfig
        ? KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig)
        : KubernetesClientConfiguration.BuildDefaultConfig();
}
catch (Exception ex) when (ex is k8s.Exceptions.KubeConfigException or IOException)
{
    await Console.Error.WriteLineAsync($"error: cluster access: {ex.Message}");
    return 2;
}

await using var app = await ControllerApp.StartAsync(options, clientConfiguration, logging, TimeProvider.System);
using var stopping = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
{
    c.Cancel = true;
    stopping.Cancel();
});
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c =>
{
    c.Cancel = true;
    stopping.Cancel();
});
await Task.WhenAny(app.Running, Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default));
if (app.Running.IsFaulted)
{
    await Console.Error.WriteLineAsync($"error: the controller stopped: {app.Running.Exception?.GetBaseException().Message}");
    return 1;
}

await app.StopAsync();
return 0;
