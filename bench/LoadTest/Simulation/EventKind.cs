namespace Autoscale.LoadTest.Simulation;

internal enum EventKind
{
    Arrival,
    NodeReady,
    PodStageDone,
    TerminateDeadline,
    Scrape,
    RuleEval,
    AdapterRefresh,
    Decide,
    AutoscalerScan,
    Sample,
    ControllerTick,
}
