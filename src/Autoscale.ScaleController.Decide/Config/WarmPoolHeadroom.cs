namespace Autoscale.ScaleController.Config;

/// <summary>
/// The part of the warm pool that grows with the fleet: <c>ceil(Fraction × ready replicas)</c> placeholders, so a
/// burst of the same relative size finds warm nodes whether the workload runs 4 replicas or 40. Ready replicas,
/// not the HPA's desired count: desire overshoots while a queue drains, readiness does not. With the planner on, the
/// forecast's uncertainty takes this term's place once the forecaster has one (<c>Decide/WarmPool/ForecastHeadroom</c>).
/// </summary>
/// <param name="Fraction">Placeholders per ready replica; 0 turns the term off.</param>
public sealed record WarmPoolHeadroom(double Fraction)
{
    public static WarmPoolHeadroom Off { get; } = new(0);

    /// <summary>Placeholders this term wants for <paramref name="readyReplicas"/> ready replicas.</summary>
    public int For(int readyReplicas) =>
        Fraction <= 0 || readyReplicas <= 0 ? 0 : (int)Math.Ceiling((Fraction * readyReplicas) - 1e-9);
}
