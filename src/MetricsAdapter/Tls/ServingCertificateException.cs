namespace Autoscale.MetricsAdapter.Tls;

/// <summary>The serving certificate files cannot be served (unreadable, not a pair, expired); the message says which and why.</summary>
internal sealed class ServingCertificateException : Exception
{
    public ServingCertificateException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
