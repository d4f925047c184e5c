namespace Autoscale.Hpa.Reconcile;

/// <summary>
/// The <c>action</c> label of upstream's HPA controller metrics (podautoscaler/monitor): "scale_up", "scale_down",
/// "none".
/// </summary>
public enum MonitorActionLabel
{
    None,
    ScaleUp,
    ScaleDown,
}
