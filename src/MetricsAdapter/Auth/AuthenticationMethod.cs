namespace Autoscale.MetricsAdapter.Auth;

/// <summary>Which authenticator recognised the caller (a bounded label for self-metrics).</summary>
internal enum AuthenticationMethod
{
    None,
    RequestHeader,
    ClientCertificate,
    BearerToken,
}
