namespace Autoscale.ScaleController.Act;

/// <summary>What became of one decision; the metric label of <c>autoscale_controller_decisions_total</c>.</summary>
internal enum ActOutcome
{
    Applied,
    DryRun,
    Conflict,
    Failed,
    Skipped,
}
