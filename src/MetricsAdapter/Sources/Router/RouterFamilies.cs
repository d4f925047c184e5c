namespace Autoscale.MetricsAdapter.Sources.Router;

/// <summary>The series one router kind shows its demand in (<see cref="RouterSeries.Of"/>).</summary>
/// <param name="ModelLabel">The label that names the model.</param>
/// <param name="Pending">Gauge families of requests held at the router; empty when the kind holds no queue.</param>
/// <param name="Requests">Counter families (without <c>_total</c>) of requests received.</param>
internal sealed record RouterFamilies(string ModelLabel, IReadOnlyList<string> Pending, IReadOnlyList<string> Requests);
