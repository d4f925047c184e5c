using System.Globalization;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.Testing.KubeApi.Tests;

public sealed class WatchTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Watch_from_resource_version_receives_later_events_in_order()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        server.Upsert(Objects.Pod("llm", "a"));
        var from = server.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        server.Upsert(Objects.Pod("llm", "b"));
        server.Upsert(Objects.Pod("llm", "a", ("ready", "true")));
        server.Delete<V1Pod>("llm", "b");
        server.Upsert(Objects.Pod("other", "c"));
        using var client = server.CreateClient();
        using var cts = new CancellationTokenSource(Patience);

        var events = await Take(client.CoreV1.WatchListNamespacedPodAsync("llm", resourceVersion: from, cancellationToken: cts.Token), 3);

        Assert.Equal(
            [(WatchEventType.Added, "b"), (WatchEventType.Modified, "a"), (WatchEventType.Deleted, "b")],
            events.Select(e => (e.Type, e.Object.Metadata.Name)));
        Assert.Equal("true", events[1].Object.Metadata.Labels["ready"]);
    }

    [Fact]
    public async Task Watch_without_resource_version_starts_with_current_state_then_streams_changes()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        server.Upsert(Objects.Pod("llm", "a"));
        using var client = server.CreateClient();
        using var cts = new CancellationTokenSource(Patience);
        await using var watch = client.CoreV1.WatchListNamespacedPodAsync("llm", cancellationToken: cts.Token).GetAsyncEnumerator(cts.Token);

        Assert.True(await watch.MoveNextAsync());
        var initial = watch.Current;
        server.Upsert(Objects.Pod("llm", "b"));
        Assert.True(await watch.MoveNextAsync());

        Assert.Equal((WatchEventType.Added, "a"), (initial.Item1, initial.Item2.Metadata.Name));
        Assert.Equal((WatchEventType.Added, "b"), (watch.Current.Item1, watch.Current.Item2.Metadata.Name));
    }

    [Fact]
    public async Task Label_selected_watch_sees_an_object_leaving_the_selection_as_deleted()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        server.Upsert(Objects.Pod("llm", "a", ("app", "vllm")));
        var from = server.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        server.Upsert(Objects.Pod("llm", "a", ("app", "retired")));
        server.Upsert(Objects.Pod("llm", "b", ("app", "vllm")));
        using var client = server.CreateClient();
        using var cts = new CancellationTokenSource(Patience);

        var events = await Take(client.CoreV1.WatchListNamespacedPodAsync("llm", labelSelector: "app=vllm", resourceVersion: from, cancellationToken: cts.Token), 2);

        Assert.Equal([(WatchEventType.Deleted, "a"), (WatchEventType.Added, "b")], events.Select(e => (e.Type, e.Object.Metadata.Name)));
    }

    [Fact]
    public async Task Bookmarks_are_sent_when_allowed_with_the_current_resource_version()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        server.Upsert(Objects.Pod("llm", "a"));
        using var client = server.CreateClient();
        using var cts = new CancellationTokenSource(Patience);
        await using var watch = client.CoreV1.WatchListNamespacedPodAsync("llm", allowWatchBookmarks: true, cancellationToken: cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await watch.MoveNextAsync());

        server.Upsert(Objects.Pod("other", "z"));
        server.SendBookmarks();
        Assert.True(await watch.MoveNextAsync());

        Assert.Equal(WatchEventType.Bookmark, watch.Current.Item1);
        Assert.Equal(server.ResourceVersion.ToString(CultureInfo.InvariantCulture), watch.Current.Item2.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Watch_from_a_compacted_resource_version_gets_410_Expired()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        server.Upsert(Objects.Pod("llm", "a"));
        server.Upsert(Objects.Pod("llm", "b"));
        server.Compact();
        using var client = server.CreateClient();
        using var cts = new CancellationTokenSource(Patience);
        var errors = new List<Exception>();

        var events = await Take(client.CoreV1.WatchListNamespacedPodAsync("llm", resourceVersion: "1", onError: errors.Add, cancellationToken: cts.Token), 1);

        Assert.Empty(events);
        var error = Assert.IsType<KubernetesException>(Assert.Single(errors));
        Assert.Equal((410, "Expired", "too old resource version: 1 (2)"), (error.Status.Code!.Value, error.Status.Reason, error.Status.Message));
    }

    [Fact]
    public async Task DropWatches_ends_open_streams()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        server.Upsert(Objects.Pod("llm", "a"));
        using var client = server.CreateClient();
        using var cts = new CancellationTokenSource(Patience);
        await using var watch = client.CoreV1.WatchListNamespacedPodAsync("llm", cancellationToken: cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await watch.MoveNextAsync());

        server.DropWatches();

        Assert.False(await watch.MoveNextAsync());
    }

    [Fact]
    public async Task Watch_ends_after_timeoutSeconds_on_the_injected_clock()
    {
        var time = new FakeTimeProvider();
        await using var server = await KubeApiTestServer.StartAsync(new KubeApiTestServerOptions { TimeProvider = time });
        server.Upsert(Objects.Pod("llm", "a"));
        using var client = server.CreateClient();
        using var cts = new CancellationTokenSource(Patience);
        await using var watch = client.CoreV1.WatchListNamespacedPodAsync("llm", timeoutSeconds: 30, cancellationToken: cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await watch.MoveNextAsync());

        time.Advance(TimeSpan.FromSeconds(31));

        Assert.False(await watch.MoveNextAsync());
    }

    private static async Task<List<(WatchEventType Type, T Object)>> Take<T>(IAsyncEnumerable<(WatchEventType, T)> stream, int count)
    {
        var events = new List<(WatchEventType, T)>();
        await foreach (var e in stream)
        {
            events.Add(e);
            if (events.Count == count)
            {
                break;
            }
        }

        return events;
    }
}
