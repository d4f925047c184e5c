using Autoscale.LoadTest.Controller;
using Autoscale.LoadTest.Metrics;

namespace Autoscale.LoadTest.Policies;

/// <summary>
/// A scaling policy as deployed: its metric pipeline, how often it decides, and the pure decision. The simulator
/// owns time; a policy keeps only the state its real counterpart keeps in memory.
/// </summary>
internal interface IScalingPolicy
{
    string Name { get; }

    MetricPipelineOptions Pipeline { get; }

    double DecideEverySeconds { get; }

    int MinReplicas { get; }

    ScaleDecision Decide(PolicyInput input);

    /// <summary>
    /// The scale controller this policy runs beside its HPA, ticking on its own period (null: the policy has none).
    /// The simulator hosts it; only Autoscale has one.
    /// </summary>
    SimulatedController? Controller => null;

    /// <summary>
    /// The replica pods' terminationGracePeriodSeconds when the policy's platform sets it (Knative sets it to the
    /// revision timeout); null: the cluster's, as the Deployment's own spec has it.
    /// </summary>
    double? TerminationGraceSeconds => null;

    /// <summary>
    /// The settings it runs with (metrics and targets, windows, controller, warm pool), as the report states them.
    /// The default names only what every policy has; a policy adds its own through <see cref="PolicyDescription"/>.
    /// </summary>
    IReadOnlyDictionary<string, string> Describe() => PolicyDescription.Common(this);
}
