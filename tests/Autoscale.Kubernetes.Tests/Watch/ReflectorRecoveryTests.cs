using System.Globalization;
using Autoscale.Testing.KubeApi;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.Kubernetes.Tests.Watch;

public sealed class ReflectorRecoveryTests
{
    [Fact]
    public async Task A_dropped_watch_resumes_from_the_last_resource_version_without_a_relist()
    {
        await using var h = await ReflectorHarness.StartAsync();
        var reflector = await h.RunSyncedAsync(h.Pods(options: ReflectorHarness.FastOptions with { PageSize = null }));
        var recorder = new ChangeRecorder<V1Pod>(reflector);
        h.Pod("a", "before");
        await Eventually.TrueAsync(() => recorder.Seen.Count == 1, "the first change");

        // Hold the reconnect back with failing watches, change things in the gap, then let it through.
        h.Server.InjectFaults(r => r.Verb == "watch" ? InjectedFault.InternalError : null);
        h.Server.DropWatches();
        await Eventually.TrueAsync(() => h.Server.Requests.Any(r => r.Verb == "watch" && r.StatusCode == 500), "a failed reconnect");
        var lastSeen = reflector.ResourceVersion;
        h.Pod("a", "during");
        h.Server.InjectFaults(null);

        await Eventually.TrueAsync(() => recorder.Seen.Count == 2, "the change made in the gap");
        Assert.Equal(["Added a/before", "Added a/during"], recorder.Seen);
        Assert.Equal(1, h.Count("list"));
        var resumed = h.Server.Requests.Last(r => r.Verb == "watch");
        Assert.Contains($"resourceVersion={lastSeen}", resumed.Query, StringComparison.Ordinal);
        Assert.Contains("allowWatchBookmarks=true", resumed.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_resource_version_relists_and_reports_what_vanished_meanwhile()
    {
        await using var h = await ReflectorHarness.StartAsync();
        h.Pod("a", "stays");
        h.Pod("a", "goes");
        h.Pod("a", "changes");
        var reflector = h.Pods();
        var recorder = new ChangeRecorder<V1Pod>(reflector);
        await h.RunSyncedAsync(reflector);

        h.Server.InjectFaults(r => r.Verb == "watch" ? InjectedFault.InternalError : null);
        h.Server.DropWatches();
        await Eventually.TrueAsync(() => h.Server.Requests.Any(r => r.Verb == "watch" && r.StatusCode == 500), "a failed reconnect");
        h.Server.Delete<V1Pod>("a", "goes");
        h.Pod("a", "changes", new Dictionary<string, string> { ["v"] = "2" });
        h.Pod("a", "new");
        h.Server.Compact();
        var listsBefore = h.Count("list");
        h.Server.InjectFaults(null);

        await Eventually.TrueAsync(() => recorder.Seen.Count == 6, "the relist's delta");
        Assert.Equal(["Added a/changes", "Added a/goes", "Added a/stays"], recorder.Seen.Take(3).Order());
        Assert.Equal(["Added a/new", "Deleted a/goes", "Modified a/changes"], recorder.Seen.Skip(3).Order());
        Assert.True(h.Count("list") > listsBefore);
        Assert.Equal(["changes", "new", "stays"], reflector.Current.Select(p => p.Metadata.Name).Order());
        Assert.Equal("2", reflector.Current.Get("a", "changes")!.Metadata.Labels["v"]);
    }

    [Fact]
    public async Task Bookmarks_advance_the_resource_version()
    {
        await using var h = await ReflectorHarness.StartAsync();
        var reflector = await h.RunSyncedAsync(h.Pods(new Autoscale.Kubernetes.Watch.WatchScope("watched")));
        h.Pod("watched", "p0");
        await Eventually.TrueAsync(() => reflector.Current.Count == 1, "a live watch");
        h.Pod("unwatched", "p1"); // moves the server's version, invisible to this watch
        var serverVersion = h.Server.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        Assert.NotEqual(serverVersion, reflector.ResourceVersion);

        h.Server.SendBookmarks();

        await Eventually.TrueAsync(() => reflector.ResourceVersion == serverVersion, "the bookmark's version");
        Assert.Single(reflector.Current);
    }

    [Fact]
    public async Task Too_many_requests_on_list_waits_at_least_retry_after_then_recovers()
    {
        await using var h = await ReflectorHarness.StartAsync();
        h.Pod("a", "p1");
        var time = new FakeTimeProvider();
        h.Server.FailNext(2, InjectedFault.TooManyRequests(retryAfterSeconds: 3), r => r.Verb == "list");
        var reflector = h.Pods(time: time);
        h.Run(reflector);

        var start = time.GetUtcNow();
        while (!reflector.HasSynced)
        {
            Assert.True(time.GetUtcNow() - start < TimeSpan.FromMinutes(1), "never recovered");
            time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
        }

        // Two refusals, each honoured for at least its Retry-After of 3 s (the configured backoff is far shorter).
        Assert.True(time.GetUtcNow() - start >= TimeSpan.FromSeconds(6), $"recovered after {time.GetUtcNow() - start}");
        Assert.Equal(3, h.Count("list"));
        Assert.Single(reflector.Current);
    }

    [Fact]
    public async Task Server_errors_back_off_and_recover_on_list_and_watch()
    {
        await using var h = await ReflectorHarness.StartAsync();
        h.Server.FailNext(3, InjectedFault.InternalError, r => r.Verb is "list" or "watch");
        var reflector = await h.RunSyncedAsync(h.Pods());
        var recorder = new ChangeRecorder<V1Pod>(reflector);
        h.Server.FailNext(2, InjectedFault.InternalError, r => r.Verb == "watch");
        h.Server.DropWatches();

        h.Pod("a", "p1");

        await Eventually.TrueAsync(() => recorder.Seen.Count == 1, "the change after recovery");
        Assert.Equal(4, h.Count("list")); // three refused, one served: watch failures never force a relist
    }
}
