namespace Autoscale.MetricsAdapter.Auth;

internal enum AuthorizationMode
{
    /// <summary>Ask the cluster with a SubjectAccessReview (production).</summary>
    Delegated,

    /// <summary>Any authenticated user may read everything (the local demo; logged at start).</summary>
    AllowAuthenticated,

    /// <summary>Insecure dev mode: no authentication or authorization at all (logged loudly at start).</summary>
    AlwaysAllow,
}
