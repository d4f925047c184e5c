namespace Autoscale.Kubectl.Status;

/// <summary>The HPA itself cannot be read (absent, forbidden, no cluster): nothing to report on.</summary>
internal sealed class StatusException(string message, Exception? inner = null) : Exception(message, inner);
