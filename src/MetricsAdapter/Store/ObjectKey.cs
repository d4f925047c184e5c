namespace Autoscale.MetricsAdapter.Store;

/// <summary>Namespace and name of an object; the namespace is empty for cluster-scoped objects.</summary>
internal readonly record struct ObjectKey(string Namespace, string Name)
{
    public override string ToString() => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";
}
