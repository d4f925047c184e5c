using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Hosting;
using Autoscale.ScaleController.Leadership;
using Autoscale.ScaleController.Loop;
using Autoscale.ScaleController.Telemetry;
using Autoscale.ScaleController.Watch;
using Microsoft.Extensions.DependencyInjection;

namespace Autoscale.ScaleController.Tests.Controller;

/// <summary>What the tests look at in a running controller, taken from its host's services (the app exposes none).</summary>
internal sealed class ControllerAppParts(IServiceProvider services)
{
    public ControllerLoop Loop => services.GetRequiredService<ControllerLoop>();

    public ControllerMetrics Metrics => services.GetRequiredService<ControllerMetrics>();

    public ClusterCache Cache => services.GetRequiredService<ClusterCache>();

    public ClusterWatch Watch => services.GetRequiredService<ClusterWatch>();

    public ConfigFeed Config => services.GetRequiredService<ConfigFeed>();

    public ILeadership Leadership => services.GetRequiredService<ILeadership>();

    public string Identity => services.GetRequiredService<ControllerOptions>().Identity!;

    public (bool Ready, string Why) Readiness() => services.GetRequiredService<ControllerReadiness>().Check();
}
