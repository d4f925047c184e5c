using System.Reflection;
using Autoscale.LoadTest.Replicas;
using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Tests;

public sealed class ReplicaEngineCloneTests
{
    [Fact]
    public void The_copy_constructor_knows_every_field()
    {
        // A new field must be copied in EmulatedReplicaEngine(EmulatedReplicaEngine source) and listed here; a
        // forgotten one would let the SLO-feasible bound's what-if runs leak into the run they branch from.
        string[] copied = ["_model", "_inFlight", "_finished", "_windowStart", "_busy", "<BusyFraction>k__BackingField", "_windowGenerated", "<OutputTokensPerSecond>k__BackingField", "_itlSum", "_itlCount", "_lengthBounds", "_promptMidpoints", "_promptMidpointSquares", "_outputMidpoints", "_outputMidpointSquares"];
        var fields = typeof(EmulatedReplicaEngine).GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public).Select(f => f.Name);

        Assert.Equal(copied.Order(StringComparer.Ordinal), fields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_clone_finishes_the_same_requests_at_the_same_times_and_leaves_the_original_alone()
    {
        var original = Synthetic.Engines();
        for (var i = 0; i < 40; i++)
        {
            original.Submit(new TraceRequest(i, i * 0.125, 600 + (i * 37 % 900), 80 + (i * 13 % 200)), i * 0.125);
        }

        original.AdvanceTo(6);
        var (fromOriginal, fromClone) = (new List<FinishedRequest>(), new List<FinishedRequest>());
        original.TakeFinished(fromOriginal);
        var inFlight = original.Waiting + original.Running;
        fromOriginal.Clear();
        var clone = original.Clone();

        clone.Submit(new TraceRequest(40, 7, 500, 50), 7);
        clone.AdvanceTo(120);
        clone.TakeFinished(fromClone);
        original.TakeFinished(fromOriginal);
        Assert.True(inFlight > 10);
        Assert.Equal(inFlight + 1, fromClone.Count);
        Assert.Empty(fromOriginal);
        Assert.Equal(inFlight, original.Waiting + original.Running);

        original.Submit(new TraceRequest(40, 7, 500, 50), 7);
        original.AdvanceTo(120);
        original.TakeFinished(fromOriginal);
        Assert.Equal(fromOriginal, fromClone);
        Assert.Empty(clone.Abort());
    }
}
