using Autoscale.Hpa.Normalization;
using Autoscale.Hpa.Spec;

namespace Autoscale.Hpa.Tests.Normalization;

/// <summary>Ports of horizontal_test.go helpers generateScalingRules and generateEventsUniformDistribution.</summary>
internal static class Rules
{
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static HpaScalingRules Generate(int pods, int podsPeriod, int percent, int percentPeriod, int stabilizationWindow)
    {
        var policies = new List<HpaScalingPolicy>();
        if (pods != 0)
        {
            policies.Add(new HpaScalingPolicy(ScalingPolicyType.Pods, pods, podsPeriod));
        }

        if (percent != 0)
        {
            policies.Add(new HpaScalingPolicy(ScalingPolicyType.Percent, percent, percentPeriod));
        }

        return new HpaScalingRules(stabilizationWindow, ScalingPolicySelect.Max, policies.Count > 0 ? policies : null);
    }

    /// <summary>Spreads events over [now − period, now], each in the middle of its segment (whole seconds, as Go's Duration cast).</summary>
    public static TimestampedScaleEvent[] Events(int[] rawEvents, int periodSeconds)
    {
        var segment = (double)periodSeconds / rawEvents.Length;
        return [.. rawEvents.Select((e, idx) =>
            new TimestampedScaleEvent(e, Now.AddSeconds(-(long)(periodSeconds - (segment * (idx + 1)) + (segment / 2)))))];
    }
}
