using Autoscale.ScaleController.Config;
using Microsoft.Extensions.Logging.Abstractions;

namespace Autoscale.ScaleController.Tests.Config;

public sealed class ConfigStoreTests
{
    private const string Good = "workloads: [{namespace: llm, name: a}]";
    private const string Better = "workloads: [{namespace: llm, name: a}, {namespace: llm, name: b}]";

    [Fact]
    public void Starts_empty_managing_nothing()
    {
        var store = new ConfigStore(NullLogger<ConfigStore>.Instance);

        Assert.Same(ControllerConfig.Empty, store.Current);
        Assert.Null(store.Error);
    }

    [Fact]
    public void Invalid_edit_keeps_the_last_good_config_and_says_why()
    {
        var store = new ConfigStore(NullLogger<ConfigStore>.Instance);
        Assert.True(store.Apply(Good, "1"));

        Assert.False(store.Apply("workloads: [{namespace: llm, name: a, scaleDown: {minWindowSeconds: -1}}]", "2"));

        Assert.Single(store.Current.Workloads);
        Assert.Equal("1", store.Snapshot.Revision);
        Assert.Equal(["workloads[0].scaleDown.minWindowSeconds: -1 is out of range [0, 3600]"], store.Error);
    }

    [Fact]
    public void Valid_edit_replaces_the_config_and_clears_the_error()
    {
        var store = new ConfigStore(NullLogger<ConfigStore>.Instance);
        store.Apply(Good, "1");
        store.Apply("nonsense: true", "2");

        Assert.True(store.Apply(Better, "3"));

        Assert.Equal(2, store.Current.Workloads.Count);
        Assert.Null(store.Error);
        Assert.Equal("3", store.Snapshot.Revision);
    }

    [Fact]
    public void Deleted_config_means_manage_nothing()
    {
        var store = new ConfigStore(NullLogger<ConfigStore>.Instance);
        store.Apply(Good, "1");

        store.Clear();

        Assert.Empty(store.Current.Workloads);
    }
}
