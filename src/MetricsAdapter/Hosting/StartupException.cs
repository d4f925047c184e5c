namespace Autoscale.MetricsAdapter.Hosting;

/// <summary>The adapter cannot start (port in use, unusable kubeconfig or certificate); the message is the one line the operator sees.</summary>
internal sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
