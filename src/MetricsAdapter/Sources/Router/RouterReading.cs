namespace Autoscale.MetricsAdapter.Sources.Router;

/// <summary>What one router page said per model (<see cref="RouterPage.Read"/>), or why it could not be read.</summary>
/// <param name="Pending">Requests held at the router per model; null entries when the kind holds no queue.</param>
/// <param name="RequestsTotal">The requests-received counter per model.</param>
/// <param name="Error">Why the page was refused; null when it was read.</param>
internal sealed record RouterReading(double?[] Pending, double[] RequestsTotal, string? Error)
{
    public static RouterReading Failed(string error) => new([], [], error);
}
