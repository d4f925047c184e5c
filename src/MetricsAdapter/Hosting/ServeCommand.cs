using Autoscale.MetricsAdapter.Store;

namespace Autoscale.MetricsAdapter.Hosting;

/// <summary><c>serve</c>: the adapter in a cluster.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = CommandLine.Parse(args, new AdapterOptions());
        var app = AdapterApp.Build(options, new AdapterDependencies(TimeProvider.System, new MetricStore()));
        await app.RunAsync();
        return 0;
    }
}
