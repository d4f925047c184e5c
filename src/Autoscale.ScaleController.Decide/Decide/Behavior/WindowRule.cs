using System.Globalization;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.History;

namespace Autoscale.ScaleController.Decide.Behavior;

/// <summary>
/// scaleDown window = clamp(roundUp(factor × p-cold-start, step), min, max); the configured default without
/// enough history. Rounding to a step keeps each new sample from rewriting the HPA (and raising an event).
/// </summary>
public static class WindowRule
{
    public static (int Seconds, string Why) Compute(ScaleDownPolicy policy, ColdStartPolicy coldStart, ColdStartEstimate? estimate, int samples)
    {
        if (estimate is null)
        {
            return (policy.DefaultWindowSeconds, Invariant(
                $"default window {policy.DefaultWindowSeconds}s: {samples} cold-start samples, {coldStart.MinSamples} needed"));
        }

        var raw = policy.WindowFactor * estimate.TotalSeconds;
        var stepped = Math.Ceiling(raw / policy.WindowStepSeconds) * policy.WindowStepSeconds;
        var window = (int)Math.Clamp(stepped, policy.MinWindowSeconds, policy.MaxWindowSeconds);
        return (window, Invariant(
            $"{policy.WindowFactor} × p{estimate.Percentile} cold start {estimate.TotalSeconds}s over {estimate.Samples} samples ({estimate.SchedulingText()}, image pull {estimate.PullSeconds}s, model load {estimate.LoadSeconds}s) = {raw:0.#}s, rounded up to {policy.WindowStepSeconds}s steps and clamped to [{policy.MinWindowSeconds}s, {policy.MaxWindowSeconds}s]"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
