using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.History;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Decide.Decisions;

/// <summary>Write <see cref="AnnotationValue"/> to the HPA annotation <see cref="ColdStartHistoryCodec.Annotation"/>.</summary>
public sealed record PersistHistory(WorkloadRef Workload, HpaRef Hpa, string AnnotationValue, int Samples, bool DryRun)
    : Decision(Workload, DryRun)
{
    public static string Annotation => ColdStartHistoryCodec.Annotation;

    public override string Describe() => $"persist {Samples} cold-start samples on HPA {Hpa}";
}
