using Autoscale.MetricsAdapter.Store;

namespace Autoscale.MetricsAdapter.Tests.Store;

public sealed class LabelSetsTests
{
    private static Dictionary<string, string> Labels(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    [Fact]
    public void Equal_label_sets_from_different_dictionaries_share_one_sanitised_copy()
    {
        var sets = new LabelSets();

        var first = sets.Get(Labels(("model_name", "meta-llama/Llama-3.1-8B-Instruct")));
        var second = sets.Get(Labels(("model_name", "meta-llama/Llama-3.1-8B-Instruct")));

        Assert.Same(first, second);
        Assert.Equal("meta-llama_Llama-3.1-8B-Instruct", first["model_name"]);
    }

    [Fact]
    public void Key_order_does_not_matter_but_every_value_does()
    {
        var sets = new LabelSets();

        var ab = sets.Get(Labels(("a", "1"), ("b", "2")));
        var ba = sets.Get(Labels(("b", "2"), ("a", "1")));
        var other = sets.Get(Labels(("a", "1"), ("b", "3")));

        Assert.Same(ab, ba);
        Assert.NotSame(ab, other);
        Assert.Equal("3", other["b"]);
    }

    [Fact]
    public void A_caller_changing_its_dictionary_afterwards_does_not_change_the_stored_set()
    {
        var sets = new LabelSets();
        var mine = Labels(("model_name", "qwen"));

        var stored = sets.Get(mine);
        mine["model_name"] = "llama";

        Assert.Equal("qwen", stored["model_name"]);
        Assert.Equal("llama", sets.Get(mine)["model_name"]);
    }

    [Fact]
    public void Past_the_bound_new_sets_are_sanitised_but_no_longer_shared()
    {
        var sets = new LabelSets();
        for (int i = 0; i < LabelSets.MaxSets; i++)
        {
            sets.Get(Labels(("model_name", $"m{i}")));
        }

        var first = sets.Get(Labels(("model_name", "org/late")));
        var second = sets.Get(Labels(("model_name", "org/late")));

        Assert.Equal("org_late", first["model_name"]);
        Assert.Equal(first, second);
        Assert.NotSame(first, second);
        Assert.Same(sets.Get(Labels(("model_name", "m0"))), sets.Get(Labels(("model_name", "m0"))));
    }
}
