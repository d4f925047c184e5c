namespace Autoscale.Hpa.Reconcile;

/// <summary>The <c>error</c> label of upstream's HPA controller metrics: "none", "spec" (invalid HPA spec), "internal".</summary>
public enum MonitorErrorLabel
{
    None,
    Spec,
    Internal,
}
