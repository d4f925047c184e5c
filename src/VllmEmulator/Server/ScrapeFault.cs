namespace Autoscale.VllmEmulator.Server;

/// <summary>Misbehaviour to inject for scraper tests.</summary>
public enum ScrapeFault
{
    None,

    /// <summary><c>/metrics</c> answers 200 with a page that is not valid Prometheus text.</summary>
    Garbage,

    /// <summary>Every response waits <see cref="EmulatedVllmPod.SlowDelay"/> (on the pod's TimeProvider) first.</summary>
    Slow,
}
