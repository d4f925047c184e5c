using k8s.Models;

namespace Autoscale.Testing.KubeApi;

/// <summary>How a <see cref="KubeApiTestServer"/> behaves; the defaults suit most tests.</summary>
public sealed class KubeApiTestServerOptions
{
    /// <summary>Clock for creationTimestamp, managedFields times, watch timeouts and bookmark ticks.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Serve HTTPS with a generated self-signed certificate (trusted by the configurations and kubeconfigs the server
    /// writes). Needed for kubectl with a bearer token: it sends tokens only over TLS. KubernetesClient sends them
    /// over plain HTTP too.
    /// </summary>
    public bool UseHttps { get; init; }

    /// <summary>Events kept for resumed watches; older resourceVersions get 410 Expired, as after etcd compaction.</summary>
    public int EventHistoryLimit { get; init; } = 10_000;

    /// <summary>How often an open watch that allows bookmarks gets one (the real server: about a minute).</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// When true, every request is authorized through <see cref="AuthorizationPolicy"/> (403 when denied), so a
    /// test can run a program under exactly the RBAC it claims to need. Off by default: everything is allowed.
    /// </summary>
    public bool EnforceAuthorization { get; init; }

    /// <summary>
    /// Decides SubjectAccessReviews (and, with <see cref="EnforceAuthorization"/>, requests): true allows, false
    /// denies, null makes the review fail with 500. Default: deny. Can be changed later on the server.
    /// </summary>
    public Func<V1SubjectAccessReviewSpec, bool?>? AuthorizationPolicy { get; init; }

    /// <summary>
    /// The aggregator's client certificate (kube-apiserver <c>--proxy-client-cert-file</c>): presented to the
    /// backends of APIServices together with <c>X-Remote-User</c>/<c>X-Remote-Group</c>. Null: none is presented.
    /// </summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? ProxyClientCertificate { get; init; }

    /// <summary>How often the APIServices' Available condition is checked (upstream: on change and every 30 s); null: only on <see cref="KubeApiTestServer.CheckApiServicesAsync"/>.</summary>
    public TimeSpan? ApiServiceCheckInterval { get; init; }
}
