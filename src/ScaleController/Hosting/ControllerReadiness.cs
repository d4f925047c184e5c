using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Telemetry;
using Autoscale.ScaleController.Watch;

namespace Autoscale.ScaleController.Hosting;

/// <summary>What <c>/readyz</c> answers: ready once the caches have listed and a valid config is in force.</summary>
internal sealed class ControllerReadiness(ClusterWatch watch, ConfigFeed config, ControllerMetrics metrics)
{
    public (bool Ready, string Why) Check()
    {
        var synced = watch.Synced;
        metrics.CachesSynced.Set(synced ? 1 : 0);
        return !synced ? (false, "caches not synced")
            : !config.Loaded ? (false, "config not loaded")
            : !config.Valid ? (false, "config invalid: " + string.Join("; ", config.Store.Error ?? []))
            : (true, "ok");
    }
}
