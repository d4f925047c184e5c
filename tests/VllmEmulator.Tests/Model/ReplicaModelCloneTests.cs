using System.Reflection;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.VllmEmulator.Tests.Model;

public sealed class ReplicaModelCloneTests
{
    /// <summary>
    /// Every field the copy constructor copies. A new field in <see cref="ReplicaModel"/> fails this test until it is
    /// copied in <c>ReplicaModel(ReplicaModel source, …)</c> and listed here: a clone that shares or forgets state
    /// would make the SLO-feasible bound's what-if runs disturb the run they branch from.
    /// </summary>
    private static readonly string[] CopiedFields =
    [
        "_profile", "_onFinished", "_blockSize", "_totalBlocks", "_phaseCounts", "_pending", "_waiting", "_prefilling",
        "_finishing", "_ttft", "_itl", "_seqs", "_freeSlots", "_freeCount", "_slotsInUse", "_runningHead", "_runningTail",
        "_decoding", "_usedBlocks", "_decodeCounter", "_lastArrival", "_decodeBlocksTaken", "_stepPhaseIndex",
        "_stepDecodeTokens", "<Now>k__BackingField", "<Running>k__BackingField", "<Arrived>k__BackingField",
        "<Finished>k__BackingField", "<Rejected>k__BackingField", "<PromptTokens>k__BackingField",
        "<GenerationTokens>k__BackingField", "<Preemptions>k__BackingField", "<Steps>k__BackingField",
        "_prefixCache", "_decodeKvOffset", "<BusySeconds>k__BackingField", "<PrefillComputedTokens>k__BackingField",
        "<PrefixCacheQueries>k__BackingField", "<PrefixCacheHits>k__BackingField", "_requestPromptTokens",
        "_requestGenerationTokens",
    ];

    [Fact]
    public void The_copy_constructor_knows_every_field()
    {
        var fields = typeof(ReplicaModel).GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public).Select(f => f.Name);

        Assert.Equal(CopiedFields.Order(StringComparer.Ordinal), fields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_clone_shares_no_mutable_state_and_starts_equal()
    {
        var model = Loaded(new List<RequestOutcome>());

        var clone = model.Clone(null);

        foreach (var field in typeof(ReplicaModel).GetFields(BindingFlags.Instance | BindingFlags.NonPublic))
        {
            var (original, copied) = (field.GetValue(model), field.GetValue(clone));
            if (field.FieldType.IsValueType)
            {
                Assert.Equal(original, copied);
            }
            else if (field.Name is not ("_profile" or "_onFinished"))
            {
                Assert.NotNull(copied);
                Assert.False(ReferenceEquals(original, copied), $"{field.Name} is shared");
            }
        }
    }

    [Fact]
    public void A_clone_run_forward_gives_the_same_outcomes_and_leaves_the_original_alone()
    {
        // Mid-run, with a queue, chunked prefills, decodes and preemptions in flight.
        var originalOutcomes = new List<RequestOutcome>();
        var model = Loaded(originalOutcomes);
        var before = originalOutcomes.Count;
        var cloneOutcomes = new List<RequestOutcome>();
        var clone = model.Clone(cloneOutcomes.Add);

        Feed(clone, 1000);
        clone.AdvanceTo(400);
        Assert.Equal(before, originalOutcomes.Count);
        Assert.Equal((20.0, before), (Math.Floor(model.Now), originalOutcomes.Count));

        Feed(model, 1000);
        model.AdvanceTo(400);
        Assert.Equal(originalOutcomes.Skip(before), cloneOutcomes);
        Assert.True(cloneOutcomes.Count > 100);
        Assert.True(model.Preemptions > 0, "the test load preempts, so preempted state is cloned too");
        Assert.Equal((model.Steps, model.Preemptions, model.UsedBlocks), (clone.Steps, clone.Preemptions, clone.UsedBlocks));
    }

    private static ReplicaModel Loaded(List<RequestOutcome> outcomes)
    {
        var model = new ReplicaModel(ReplicaProfiles.Llama31_8B_A10G, outcomes.Add);
        Feed(model, 0);
        model.AdvanceTo(20);
        return model;
    }

    /// <summary>300 requests over 30 s from <paramref name="firstId"/>: long enough contexts to exhaust the A10G's KV cache.</summary>
    private static void Feed(ReplicaModel model, int firstId)
    {
        var random = new Random(firstId + 1);
        var start = firstId == 0 ? 0 : 30;
        for (var i = 0; i < 300; i++)
        {
            model.Submit(new RequestArrival(firstId + i, start + (i * 0.1), 200 + random.Next(3000), 50 + random.Next(600)));
        }
    }
}
