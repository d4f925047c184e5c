namespace Autoscale.Testing.KubeApi.Store;

/// <summary>Where an object lives: one version-independent slot per group/resource, namespace and name.</summary>
internal readonly record struct ObjectKey(string GroupResource, string Namespace, string Name);
