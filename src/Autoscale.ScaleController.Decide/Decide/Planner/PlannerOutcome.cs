using Autoscale.ScaleController.Decide.Decisions;

namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>
/// One round of <see cref="PlannerStep"/>: the decision to publish (null when nothing needs writing this round), the
/// state to remember (encoded, as on the HPA), the recommendation with its reason, and the forecast and capacity it
/// used (the warm pool sizes from the forecast's uncertainty).
/// </summary>
internal sealed record PlannerOutcome(
    PublishRecommendation? Publish,
    string State,
    PlannerRecommendation Recommendation,
    Forecast? Forecast,
    double? CapacityPerReplica);
