namespace Autoscale.VllmEmulator.Server;

/// <summary>How a trace driver spreads requests over ready pods.</summary>
public enum RoutingPolicy
{
    /// <summary>Like a Kubernetes Service (kube-proxy spreads connections evenly).</summary>
    RoundRobin,

    /// <summary>Fewest waiting + running requests, like an inference gateway's queue-aware picker.</summary>
    LeastLoaded,
}
