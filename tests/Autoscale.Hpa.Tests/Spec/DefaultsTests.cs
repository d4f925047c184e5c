using Autoscale.Hpa.Spec;

namespace Autoscale.Hpa.Tests.Spec;

/// <summary>Port of pkg/apis/autoscaling/v2/defaults_test.go TestGenerateScaleDownRules and TestGenerateScaleUpRules.</summary>
public sealed class DefaultsTests
{
    private static HpaScalingRules Rules(int pods, int podsPeriod, int percent, int percentPeriod, int? window, ScalingPolicySelect? select)
    {
        var policies = new List<HpaScalingPolicy>();
        if (pods != 0 || podsPeriod != 0)
        {
            policies.Add(new HpaScalingPolicy(ScalingPolicyType.Pods, pods, podsPeriod));
        }

        if (percent != 0 || percentPeriod != 0)
        {
            policies.Add(new HpaScalingPolicy(ScalingPolicyType.Percent, percent, percentPeriod));
        }

        return new HpaScalingRules(window, select, policies.Count > 0 ? policies : null);
    }

    [Theory]
    [InlineData("Default values", 0, 0, 0, 0, null, null, "Percent:100:15", null, ScalingPolicySelect.Max)]
    [InlineData("All parameters are specified", 1, 2, 3, 4, 25, ScalingPolicySelect.Max, "Pods:1:2,Percent:3:4", 25, ScalingPolicySelect.Max)]
    [InlineData("Percent policy is specified", 0, 0, 1, 2, null, ScalingPolicySelect.Min, "Percent:1:2", null, ScalingPolicySelect.Min)]
    [InlineData("Pods policy is specified", 3, 4, 0, 0, null, null, "Pods:3:4", null, ScalingPolicySelect.Max)]
    public void TestGenerateScaleDownRules(string annotation, int pods, int podsPeriod, int percent, int percentPeriod, int? window, ScalingPolicySelect? select,
        string expectedPolicies, int? expectedWindow, ScalingPolicySelect expectedSelect)
    {
        var down = HpaDefaults.GenerateHpaScaleDownRules(Rules(pods, podsPeriod, percent, percentPeriod, window, select));

        Assert.Equal(expectedPolicies, Format(down));
        Assert.Equal(expectedWindow, down.StabilizationWindowSeconds);
        Assert.True(expectedSelect == down.SelectPolicy, annotation);
    }

    [Theory]
    [InlineData("Default values", 0, 0, 0, 0, null, null, "Pods:4:15,Percent:100:15", 0, ScalingPolicySelect.Max)]
    [InlineData("All parameters are specified", 1, 2, 3, 4, 25, ScalingPolicySelect.Max, "Pods:1:2,Percent:3:4", 25, ScalingPolicySelect.Max)]
    [InlineData("Pod policy is specified", 1, 2, 0, 0, null, ScalingPolicySelect.Min, "Pods:1:2", 0, ScalingPolicySelect.Min)]
    [InlineData("Percent policy is specified", 0, 0, 7, 10, null, null, "Percent:7:10", 0, ScalingPolicySelect.Max)]
    [InlineData("Pod policy and stabilization window are specified", 4, 2, 0, 0, 25, null, "Pods:4:2", 25, ScalingPolicySelect.Max)]
    [InlineData("Percent policy and stabilization window are specified", 0, 0, 7, 60, 25, null, "Percent:7:60", 25, ScalingPolicySelect.Max)]
    public void TestGenerateScaleUpRules(string annotation, int pods, int podsPeriod, int percent, int percentPeriod, int? window, ScalingPolicySelect? select,
        string expectedPolicies, int? expectedWindow, ScalingPolicySelect expectedSelect)
    {
        var up = HpaDefaults.GenerateHpaScaleUpRules(Rules(pods, podsPeriod, percent, percentPeriod, window, select));

        Assert.Equal(expectedPolicies, Format(up));
        Assert.Equal(expectedWindow, up.StabilizationWindowSeconds);
        Assert.True(expectedSelect == up.SelectPolicy, annotation);
    }

    [Fact]
    public void Null_behavior_is_not_defaulted_and_tolerance_is_kept()
    {
        Assert.Null(HpaDefaults.SetDefaults_HorizontalPodAutoscalerBehavior(null));
        var filled = HpaDefaults.SetDefaults_HorizontalPodAutoscalerBehavior(new HpaBehavior(ScaleDown: new HpaScalingRules(Tolerance: 0.05)))!;
        Assert.Equal(0.05, filled.ScaleDown!.Tolerance);
        Assert.Equal("Pods:4:15,Percent:100:15", Format(filled.ScaleUp!));
    }

    private static string Format(HpaScalingRules rules) =>
        string.Join(',', (rules.Policies ?? []).Select(p => $"{p.Type}:{p.Value}:{p.PeriodSeconds}"));
}
