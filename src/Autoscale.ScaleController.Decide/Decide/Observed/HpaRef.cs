namespace Autoscale.ScaleController.Decide.Observed;

/// <summary>The HorizontalPodAutoscaler a decision is applied to.</summary>
public sealed record HpaRef(string Namespace, string Name)
{
    public override string ToString() => $"{Namespace}/{Name}";
}
