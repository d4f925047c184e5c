using System.Text.Json.Nodes;
using Autoscale.Testing.KubeApi.Catalog;

namespace Autoscale.Testing.KubeApi.Store;

/// <summary>
/// One change, kept in the event history for resumed watches. <see cref="Previous"/> lets a filtered watch turn a
/// modification that leaves or enters its selector into DELETED or ADDED, as the real watch cache does.
/// </summary>
internal sealed record StoredEvent(string Type, ResourceType ResourceType, JsonObject Object, JsonObject? Previous, long ResourceVersion);
