namespace Autoscale.LoadTest.Controller;

/// <summary>
/// A policy that also runs a controller beside the HPA: every <see cref="TickSeconds"/> it observes the cluster
/// and acts on it (the HPA it owns is changed in place; placeholder pods are created and deleted by the simulator).
/// </summary>
internal interface IControllerLoop
{
    double TickSeconds { get; }

    ControllerActions Tick(ControllerTickInput input);
}
