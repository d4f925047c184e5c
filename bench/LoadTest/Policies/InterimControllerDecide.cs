using Autoscale.LoadTest.Cluster;

namespace Autoscale.LoadTest.Policies;

/// <summary>
/// INTERIM stand-in for the controller's Decide (see <see cref="IControllerDecide"/>): learns the cold start as the
/// p95 of observed create→ready times, uses it as the scale-down stabilisation window (a replica removed now would
/// take that long to come back), and sizes the warm pool as max(min, fraction × desired).
/// </summary>
internal sealed class InterimControllerDecide(AutoscaleOptions options) : IControllerDecide
{
    private readonly HashSet<string> _seen = [];
    private readonly List<double> _coldStarts = [];

    public ControllerAdvice Advise(PolicyInput input, int hpaDesired)
    {
        foreach (var pod in input.Pods)
        {
            if (pod.Stage == PodStage.Ready && pod.ReadyAt is { } ready && ready > 0 && _seen.Add(pod.Name))
            {
                _coldStarts.Add(ready - pod.CreatedAt);
            }
        }

        var window = options.InitialStabilisationSeconds;
        if (_coldStarts.Count > 0)
        {
            var sorted = _coldStarts.Order().ToList();
            var p95 = sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(0.95 * sorted.Count) - 1)];
            window = Math.Clamp(p95, options.StabilisationFloorSeconds, options.StabilisationCeilingSeconds);
        }

        var placeholders = Math.Max(options.WarmPoolMin, (int)Math.Ceiling(options.WarmPoolFraction * hpaDesired));
        return new ControllerAdvice((int)Math.Round(window), placeholders);
    }
}
