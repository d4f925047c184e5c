using System.Globalization;
using System.Text.Json.Nodes;
using Autoscale.Testing.KubeApi.Catalog;
using Autoscale.Testing.KubeApi.Http;

namespace Autoscale.Testing.KubeApi.Store;

/// <summary>
/// All objects of all resources behind one lock, with one global resourceVersion counter and a bounded event
/// history, as etcd and the watch cache behave. Handlers get deep copies; nothing stored escapes.
/// </summary>
internal sealed class ObjectStore(TimeProvider time, int historyLimit)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ObjectKey, JsonObject> _objects = [];
    private readonly List<StoredEvent> _history = [];
    private readonly List<WatchSubscription> _watchers = [];
    private long _resourceVersion;
    private long _compactedThrough;

    public long CurrentResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    public JsonObject? Get(ResourceType type, string ns, string name)
    {
        lock (_gate)
        {
            return _objects.TryGetValue(Key(type, ns, name), out var obj) ? (JsonObject)obj.DeepClone() : null;
        }
    }

    /// <summary>Objects of a resource, in one namespace or all (<paramref name="ns"/> null), sorted as etcd keys are.</summary>
    public (List<JsonObject> Items, long ResourceVersion) List(ResourceType type, string? ns)
    {
        lock (_gate)
        {
            var items = _objects
                .Where(p => p.Key.GroupResource == type.GroupResource && (ns is null || p.Key.Namespace == ns))
                .OrderBy(p => p.Key.Namespace, StringComparer.Ordinal).ThenBy(p => p.Key.Name, StringComparer.Ordinal)
                .Select(p => (JsonObject)p.Value.DeepClone())
                .ToList();
            return (items, _resourceVersion);
        }
    }

    /// <summary>
    /// Reads the current object (null if absent), lets <paramref name="compute"/> decide the next one (or throw a
    /// <see cref="StatusException"/>), and stores it with fresh server-owned metadata. A write that changes nothing
    /// is a no-op without a new resourceVersion, as on the real server.
    /// </summary>
    public (JsonObject Stored, bool Created) Write(ResourceType type, string ns, string name, Func<JsonObject?, JsonObject> compute)
    {
        lock (_gate)
        {
            var key = Key(type, ns, name);
            _objects.TryGetValue(key, out var current);
            var next = compute((JsonObject?)current?.DeepClone());
            var meta = ObjectMeta.Of(next);
            meta["name"] = name;
            if (type.Namespaced)
            {
                meta["namespace"] = ns;
            }
            else
            {
                meta.Remove("namespace");
            }

            if (current is not null)
            {
                var currentMeta = ObjectMeta.Of(current);
                meta["uid"] = currentMeta["uid"]?.DeepClone();
                meta["creationTimestamp"] = currentMeta["creationTimestamp"]?.DeepClone();
                meta["resourceVersion"] = currentMeta["resourceVersion"]?.DeepClone();
                meta["generation"] = currentMeta["generation"]?.DeepClone();
                if (JsonNode.DeepEquals(WithoutVolatile(next), WithoutVolatile(current)))
                {
                    return ((JsonObject)current.DeepClone(), false);
                }

                if (next.ContainsKey("spec") && !JsonNode.DeepEquals(next["spec"], current["spec"]))
                {
                    meta["generation"] = long.Parse(currentMeta["generation"]?.ToString() ?? "0", CultureInfo.InvariantCulture) + 1;
                }
            }
            else
            {
                meta["uid"] = Guid.NewGuid().ToString();
                meta["creationTimestamp"] = Timestamp(time);
                if (next.ContainsKey("spec"))
                {
                    meta["generation"] = 1L;
                }
                else
                {
                    meta.Remove("generation");
                }
            }

            if (meta["generation"] is null)
            {
                meta.Remove("generation");
            }

            var rv = ++_resourceVersion;
            meta["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
            _objects[key] = next;
            Publish(new StoredEvent(current is null ? "ADDED" : "MODIFIED", type, (JsonObject)next.DeepClone(), (JsonObject?)current?.DeepClone(), rv));
            return ((JsonObject)next.DeepClone(), current is null);
        }
    }

    /// <summary>Removes an object; <paramref name="check"/> sees it first and may throw (preconditions).</summary>
    public JsonObject? Delete(ResourceType type, string ns, string name, Action<JsonObject>? check = null)
    {
        lock (_gate)
        {
            var key = Key(type, ns, name);
            if (!_objects.TryGetValue(key, out var current))
            {
                return null;
            }

            check?.Invoke(current);
            _objects.Remove(key);
            var rv = ++_resourceVersion;
            var deleted = (JsonObject)current.DeepClone();
            ObjectMeta.Of(deleted)["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
            Publish(new StoredEvent("DELETED", type, deleted, current, rv));
            return (JsonObject)deleted.DeepClone();
        }
    }

    /// <summary>
    /// Opens a watch. From a resourceVersion it replays later history (410 Expired if that history is gone);
    /// without one it starts with a synthetic ADDED per existing object, as "get state and start at most recent".
    /// </summary>
    public WatchSubscription Subscribe(ResourceType type, string? ns, long? fromResourceVersion)
    {
        lock (_gate)
        {
            var subscription = new WatchSubscription(type, ns);
            if (fromResourceVersion is { } from)
            {
                if (from < _compactedThrough)
                {
                    throw StatusException.Expired($"too old resource version: {from} ({_compactedThrough})");
                }

                foreach (var e in _history.Where(e => e.ResourceVersion > from && subscription.Wants(e)))
                {
                    subscription.Write(e);
                }
            }
            else
            {
                foreach (var (key, obj) in _objects.Where(p => p.Key.GroupResource == type.GroupResource && (ns is null || p.Key.Namespace == ns)))
                {
                    var rv = long.Parse(ObjectMeta.ResourceVersion(obj), CultureInfo.InvariantCulture);
                    subscription.Write(new StoredEvent("ADDED", type, (JsonObject)obj.DeepClone(), null, rv));
                }
            }

            _watchers.Add(subscription);
            return subscription;
        }
    }

    public void Unsubscribe(WatchSubscription subscription)
    {
        lock (_gate)
        {
            _watchers.Remove(subscription);
        }

        subscription.Close();
    }

    /// <summary>Queues a bookmark at the current resourceVersion behind the events already queued, so it never runs ahead of them.</summary>
    public void Bookmark(WatchSubscription? only = null)
    {
        lock (_gate)
        {
            foreach (var subscription in _watchers.Where(w => only is null || w == only))
            {
                var marker = new JsonObject
                {
                    ["kind"] = subscription.Type.Kind,
                    ["apiVersion"] = subscription.Type.GroupVersion,
                    ["metadata"] = new JsonObject { ["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture), ["creationTimestamp"] = null },
                };
                subscription.Write(new StoredEvent("BOOKMARK", subscription.Type, marker, null, _resourceVersion));
            }
        }
    }

    public void CloseAllWatches()
    {
        lock (_gate)
        {
            foreach (var subscription in _watchers)
            {
                subscription.Close();
            }

            _watchers.Clear();
        }
    }

    /// <summary>Forgets the event history, so a watch resumed from any earlier resourceVersion gets 410.</summary>
    public void Compact()
    {
        lock (_gate)
        {
            _history.Clear();
            _compactedThrough = _resourceVersion;
        }
    }

    public static string Timestamp(TimeProvider time) =>
        time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static ObjectKey Key(ResourceType type, string ns, string name) => new(type.GroupResource, type.Namespaced ? ns : "", name);

    private static JsonObject WithoutVolatile(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        var meta = ObjectMeta.Of(copy);
        meta.Remove("resourceVersion");
        meta.Remove("managedFields");
        return copy;
    }

    private void Publish(StoredEvent e)
    {
        _history.Add(e);
        if (_history.Count > historyLimit)
        {
            _compactedThrough = _history[0].ResourceVersion;
            _history.RemoveAt(0);
        }

        foreach (var subscription in _watchers.Where(w => w.Wants(e)))
        {
            subscription.Write(e);
        }
    }
}
