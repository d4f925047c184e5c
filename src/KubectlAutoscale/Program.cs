using Autoscale.Hosting;
using Autoscale.Kubectl;
using Autoscale.Kubectl.Status;

// Composes only: parse, read the HPA's picture through the user's kubeconfig, print it.
if (args.Contains("--version"))
{
    Console.WriteLine(BuildInfo.Of(typeof(CommandLine).Assembly).Line);
    return 0;
}

if (args.Length == 0 || args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(CommandLine.Usage);
    return args.Length == 0 ? 2 : 0;
}

try
{
    return await StatusCommand.RunAsync(CommandLine.Parse(args), Console.Out, TimeProvider.System);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync($"error: {ex.Message} (see --help)");
    return 2;
}
catch (StatusException ex)
{
    await Console.Error.WriteLineAsync($"error: {ex.Message}");
    return 1;
}
