namespace Autoscale.MetricsAdapter.Preflight;

/// <summary>An adapter could not be read at all (unreachable, or discovery is not a resource list).</summary>
internal sealed class AdapterReadException(string message, Exception? inner = null) : Exception(message, inner);
