namespace Autoscale.MetricsAdapter.Preflight;

/// <summary>Who serves an APIService's group/version today.</summary>
internal enum ApiServiceOwner
{
    /// <summary>Not registered: installing creates it.</summary>
    None,

    /// <summary>Points at this adapter's Service (an upgrade, or a reinstall).</summary>
    Ours,

    /// <summary>Points at another Service (prometheus-adapter, KEDA, Datadog ...).</summary>
    Foreign,

    /// <summary>No service: the kube-apiserver serves it itself.</summary>
    Local,
}
