using k8s;

namespace Autoscale.Kubernetes.Watch;

/// <summary>
/// One event of a watch stream. For <see cref="WatchEventType.Error"/>, <see cref="Error"/> says what went wrong:
/// a <see cref="KubernetesException"/> carrying the server's Status (410 Expired, say), or a decoding failure.
/// </summary>
public readonly record struct WatchEvent<T>(WatchEventType Type, T? Object, Exception? Error = null);
