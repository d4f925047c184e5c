using Autoscale.Kubernetes.Watch;
using k8s.Models;

namespace Autoscale.Kubernetes.Tests.Watch;

public sealed class ReflectorTests
{
    [Fact]
    public async Task Initial_list_syncs_every_page_and_reports_them_as_added()
    {
        await using var h = await ReflectorHarness.StartAsync();
        h.Pod("a", "p1");
        h.Pod("a", "p2");
        h.Pod("b", "p3");
        var reflector = h.Pods();
        var recorder = new ChangeRecorder<V1Pod>(reflector);
        Assert.False(reflector.HasSynced);

        await h.RunSyncedAsync(reflector);

        Assert.True(reflector.HasSynced);
        Assert.Equal(3, reflector.Current.Count);
        Assert.NotNull(reflector.Current.Get("b", "p3"));
        Assert.Equal(["p1", "p2"], reflector.Current.InNamespace("a").Select(p => p.Metadata.Name).Order());
        Assert.Equal(["Added a/p1", "Added a/p2", "Added b/p3"], recorder.Seen.Order());
        Assert.Equal(2, h.Count("list")); // page size 2: two pages, one list
        Assert.Equal(h.Server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), reflector.ResourceVersion);
    }

    [Fact]
    public async Task Later_changes_arrive_in_order_and_the_snapshot_follows()
    {
        await using var h = await ReflectorHarness.StartAsync();
        var reflector = await h.RunSyncedAsync(h.Pods());
        var recorder = new ChangeRecorder<V1Pod>(reflector);
        var before = reflector.Current;

        h.Pod("a", "p1");
        h.Pod("a", "p1", new Dictionary<string, string> { ["v"] = "2" });
        h.Pod("a", "p2");
        h.Server.Delete<V1Pod>("a", "p1");

        await Eventually.TrueAsync(() => recorder.Seen.Count == 4, "four changes");
        Assert.Equal(["Added a/p1", "Modified a/p1", "Added a/p2", "Deleted a/p1"], recorder.Seen);
        Assert.Equal(["p2"], reflector.Current.Select(p => p.Metadata.Name));
        Assert.Empty(before); // an old snapshot never changes under its reader
    }

    [Fact]
    public async Task A_failing_handler_does_not_stop_the_loop_or_later_handlers()
    {
        await using var h = await ReflectorHarness.StartAsync();
        var reflector = h.Pods();
        reflector.AddHandler((c, _) => c.Object.Metadata.Name == "bad" ? throw new InvalidOperationException("boom") : ValueTask.CompletedTask);
        var recorder = new ChangeRecorder<V1Pod>(reflector);
        await h.RunSyncedAsync(reflector);

        h.Pod("a", "bad");
        h.Pod("a", "good");

        await Eventually.TrueAsync(() => recorder.Seen.Count == 2, "both changes despite the throwing handler");
        Assert.Equal(["Added a/bad", "Added a/good"], recorder.Seen);
        Assert.Equal(2, reflector.Current.Count);
    }

    [Fact]
    public async Task Changed_signal_wakes_a_waiter_once_per_burst()
    {
        await using var h = await ReflectorHarness.StartAsync();
        var signal = new ChangeSignal();
        var reflector = await h.RunSyncedAsync(h.Pods(options: ReflectorHarness.FastOptions with { Signal = signal }));
        Assert.Same(signal, reflector.Changed);
        await signal.WaitAsync(CancellationToken.None); // the initial list

        h.Pod("a", "p1");
        await signal.WaitAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Single(reflector.Current);
    }
}
