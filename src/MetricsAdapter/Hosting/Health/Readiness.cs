using Autoscale.MetricsAdapter.Api;
using Autoscale.MetricsAdapter.Auth;
using Autoscale.MetricsAdapter.Sources;
using Autoscale.MetricsAdapter.Store;

namespace Autoscale.MetricsAdapter.Hosting.Health;

/// <summary>
/// Health with real meaning (as metrics-server): ready = authentication settings loaded, discovery caches synced and
/// the sources have reported once; live = the sources' loop ticked within 1.5 × its interval (+ a grace).
/// </summary>
internal sealed class Readiness(
    MetricStore store, CurrentAuthenticationSettings auth, SourceHeartbeat heartbeat, AdapterPipeline pipeline, TimeProvider time) : IServingState
{
    public IReadOnlyList<(string Name, bool Ok)> ReadyChecks() =>
    [
        ("ping", true),
        ("authentication-settings", auth.Loaded),
        ("informer-sync", store.InventorySynced),
        ("has-data", store.HasData),
    ];

    public IReadOnlyList<(string Name, bool Ok)> LiveChecks() =>
    [
        ("ping", true),
        ("source-loop", heartbeat.IsAlive(time.GetUtcNow())),
    ];

    public bool IsReady => ReadyChecks().All(c => c.Ok);

    public string? WhyUnavailable => pipeline.WhyUnavailable;
}
