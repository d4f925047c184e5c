namespace Autoscale.ScaleController.Leadership;

/// <summary>
/// The Lease and its timing: a leader that has not renewed within <see cref="RenewDeadline"/> steps down; a
/// follower takes over once the lease has not changed for <see cref="LeaseDuration"/> (whole seconds, as the
/// Lease stores them). On a clean stop the leader releases the lease so a follower takes over at once.
/// </summary>
internal sealed record LeaderElectionOptions(
    string Namespace,
    string LeaseName,
    string Identity,
    TimeSpan LeaseDuration,
    TimeSpan RenewDeadline,
    TimeSpan RetryPeriod)
{
    public const string DefaultLeaseName = "autoscale-scale-controller";

    public static LeaderElectionOptions Defaults(string ns, string identity) =>
        new(ns, DefaultLeaseName, identity, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2));
}
