using Autoscale.Kubernetes.Watch;
using k8s.Models;

namespace Autoscale.ScaleController.Config;

/// <summary>
/// ConfigMap mode: the controller's ConfigMap (watched by name only) feeds the config store; an edit is a new
/// revision (its resourceVersion), a delete clears the config, and no ConfigMap at all after the first list is "no config".
/// </summary>
internal sealed class ConfigMapWatch(Reflector<V1ConfigMap> reflector, ConfigFeed feed, string name)
{
    public void Attach() => reflector.AddHandler((change, _) =>
    {
        if (change.Object.Metadata.Name == name)
        {
            Apply(change.Type == ReflectorChangeType.Deleted ? null : change.Object);
        }

        return ValueTask.CompletedTask;
    });

    /// <summary>After the first list: a missing ConfigMap means no config (the controller manages nothing).</summary>
    public async Task AfterSyncAsync(CancellationToken cancellationToken)
    {
        await reflector.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
        if (!reflector.Current.Any(c => c.Metadata.Name == name))
        {
            Apply(null);
        }
    }

    private void Apply(V1ConfigMap? configMap)
    {
        if (configMap is null)
        {
            feed.Clear();
            return;
        }

        var data = configMap.Data;
        feed.Apply(data is not null && data.TryGetValue(ConfigFeed.DataKey, out var yaml) ? yaml : null, configMap.Metadata.ResourceVersion ?? "");
    }
}
