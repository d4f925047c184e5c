using Autoscale.Hosting;
using Autoscale.ScaleController.Hosting;
using k8s;
using Microsoft.Extensions.Logging;

// Composes only: parse flags, then either validate a config file (--check) or run watch → decide → act.
ControllerOptions options;
try
{
    if (args.Contains("--version"))
    {
        Console.WriteLine(ThisBuild.Current.Line);
        return 0;
    }

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

// One logger factory for the controller and its host (--log-format, --log-level).
using var logging = LoggerFactory.Create(l => l.AddAutoscaleConsole(options.Log, TimeProvider.System));
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

// The Generic Host stops the controller on SIGTERM and Ctrl+C, or when a stage fails.
await using var app = await ControllerApp.StartAsync(options, clientConfiguration, logging, TimeProvider.System);
await app.WaitForShutdownAsync();
if (app.Failure is { } failure)
{
    await Console.Error.WriteLineAsync($"error: the controller stopped: {failure.Message}");
    return 1;
}

return 0;
