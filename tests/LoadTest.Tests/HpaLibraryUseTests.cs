using Autoscale.Hpa.Reconcile;
using Autoscale.LoadTest.Config;
using Autoscale.LoadTest.Policies;

namespace Autoscale.LoadTest.Tests;

public sealed class HpaLibraryUseTests
{
    [Theory]
    [InlineData("cpu-hpa")]
    [InlineData("common-recipe")]
    [InlineData("keda")]
    [InlineData("autoscale")]
    public void Hpa_based_policies_run_the_shared_library(string name)
    {
        var policy = PolicyFactory.Create(name, SimConfig.Default);
        var driver = policy switch
        {
            CpuHpaPolicy p => p.Hpa,
            CommonRecipePolicy p => p.Hpa,
            KedaPolicy p => p.Hpa,
            AutoscalePolicy p => p.Hpa,
            _ => throw new InvalidOperationException(name),
        };

        // The autoscaler is the Autoscale.Hpa assembly's own type, not a copy in the simulator.
        Assert.IsType<HpaAutoscaler>(driver.Autoscaler);
        Assert.Equal(typeof(HpaAutoscaler).Assembly, driver.Autoscaler.GetType().Assembly);
        Assert.Equal("Autoscale.Hpa", driver.Autoscaler.GetType().Assembly.GetName().Name);

        var trace = Synthetic.Segments(300, 30, (1, 120));
        var before = driver.Reconciles;
        new Simulation.Simulator(trace, policy, new Simulation.SimulationOptions(SimConfig.Default.Cluster, 1),
            () => new Replicas.EmulatedReplicaEngine(Synthetic.Profile)).Run();
        Assert.True(driver.Reconciles > before + 5, "every decision goes through HpaAutoscaler.Reconcile");
    }

    [Fact]
    public void No_second_copy_of_the_hpa_algorithm_lives_in_the_simulator()
    {
        var simulatorTypes = typeof(PolicyFactory).Assembly.GetTypes().Select(t => t.Name).ToList();
        Assert.DoesNotContain("ReplicaCalculator", simulatorTypes);
        Assert.DoesNotContain(simulatorTypes, n => n.Contains("Stabiliz", StringComparison.Ordinal));
    }
}
