using Autoscale.Hpa.Calculator;

namespace Autoscale.Hpa.Tests.Calculator;

/// <summary>Runs GetResourceReplicas on a fixture with upstream's testing periods and checks every output.</summary>
internal static class ResourceAssert
{
    // defaultTestingCPUInitializationPeriod and defaultTestingDelayOfInitialReadinessStatus.
    public static readonly ReplicaCalculator Calc = new(new ReplicaCalculatorOptions(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(10)));

    public static void Run(ResourceCase tc)
    {
        var result = Calc.GetResourceReplicas(
            tc.Fixture.CurrentReplicas, tc.TargetUtilization, CalcScenario.Cpu, tc.Tolerances ?? Tolerances.Default,
            tc.Fixture.Pods(), tc.Fixture.ResourceMetrics(), tc.Container, CalcScenario.Now);
        if (tc.ExpectedError is not null)
        {
            Assert.False(result.IsValid);
            Assert.Contains(tc.ExpectedError, result.Error, StringComparison.Ordinal);
            return;
        }

        Assert.Null(result.Error);
        Assert.Equal(tc.ExpectedReplicas, result.ReplicaCount);
        Assert.Equal(tc.ExpectedUtilization, result.Utilization);
        Assert.Equal(tc.ExpectedRawValue, result.Usage);
        Assert.Equal(tc.Fixture.Timestamp, result.Timestamp);
    }
}
