using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Autoscale.Testing.KubeApi.Store;
using Microsoft.AspNetCore.Http;

namespace Autoscale.Testing.KubeApi.Http;

/// <summary>
/// A watch stream: newline-delimited <c>{"type":…,"object":…}</c> events over a 200 chunked response. A too-old
/// resourceVersion is an ERROR event carrying a 410 Expired Status, as the watch cache answers.
/// </summary>
internal sealed class WatchHandler(ServerState state)
{
    public async Task HandleAsync(ResourceRequest request)
    {
        var (labels, fields) = ReadHandler.Selectors(request);
        var name = request.Name;
        var allowBookmarks = RequestInfo.IsTrue(request.Query("allowWatchBookmarks"));
        var sendInitialEvents = RequestInfo.IsTrue(request.Query("sendInitialEvents"));
        var from = ParseResourceVersion(request.Query("resourceVersion"), sendInitialEvents);
        var ns = request.Type.Namespaced && request.Namespace.Length > 0 ? request.Namespace : null;

        var response = request.Context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        await response.Body.FlushAsync(request.Context.RequestAborted);

        WatchSubscription subscription;
        try
        {
            subscription = state.Store.Subscribe(request.Type, ns, from);
        }
        catch (StatusException error)
        {
            await WriteEventAsync(response, "ERROR", error.ToStatus(), request.Context.RequestAborted);
            return;
        }

        using var timeout = TimeoutSource(request.Query("timeoutSeconds"));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(request.Context.RequestAborted, timeout.Token);
        var token = linked.Token;
        if (sendInitialEvents && allowBookmarks)
        {
            state.Store.Bookmark(subscription);
        }

        var initialEventsEnd = sendInitialEvents;
        var ticker = allowBookmarks ? TickBookmarksAsync(subscription, token) : Task.CompletedTask;
        try
        {
            await foreach (var e in subscription.Events.ReadAllAsync(token))
            {
                if (e.Type == "BOOKMARK")
                {
                    if (allowBookmarks)
                    {
                        var bookmark = ObjectShape.Typed(e.Object, request.Type);
                        if (initialEventsEnd)
                        {
                            // The WatchList protocol marks the end of the initial state with this annotation.
                            ObjectMeta.Of(bookmark)["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
                            initialEventsEnd = false;
                        }

                        await WriteEventAsync(response, "BOOKMARK", bookmark, token);
                    }

                    continue;
                }

                bool Matches(JsonObject? o) =>
                    o is not null && (name.Length == 0 || ObjectMeta.Name(o) == name) && labels.Matches(ObjectMeta.Labels(o)) && fields.Matches(o);

                // A change that moves an object into or out of the selection is seen as ADDED or DELETED.
                var type = (e.Type, Matches(e.Object), Matches(e.Previous)) switch
                {
                    ("ADDED", true, _) => "ADDED",
                    ("MODIFIED", true, true) => "MODIFIED",
                    ("MODIFIED", true, false) => "ADDED",
                    ("MODIFIED", false, true) => "DELETED",
                    ("DELETED", _, true) => "DELETED",
                    _ => null,
                };
                if (type is not null)
                {
                    await WriteEventAsync(response, type, ObjectShape.Typed(e.Object, request.Type), token);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away or timeoutSeconds passed: the stream simply ends.
        }
        finally
        {
            state.Store.Unsubscribe(subscription);

            // Stop the bookmark ticker too, or a stream ended by DropWatches stays open until timeoutSeconds.
            await linked.CancelAsync();
            await ticker.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static long? ParseResourceVersion(string? value, bool sendInitialEvents)
    {
        // Unset and "0" both start with the current state; a specific version resumes after it.
        if (string.IsNullOrEmpty(value) || value == "0" || sendInitialEvents)
        {
            return null;
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var rv)
            ? rv
            : throw StatusException.BadRequest($"invalid resource version: {value}");
    }

    private static async Task WriteEventAsync(HttpResponse response, string type, JsonObject obj, CancellationToken token)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj }.ToJsonString() + "\n";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), token);
        await response.Body.FlushAsync(token);
    }

    private CancellationTokenSource TimeoutSource(string? timeoutSeconds) =>
        int.TryParse(timeoutSeconds, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds), state.Time)
            : new CancellationTokenSource();

    private async Task TickBookmarksAsync(WatchSubscription subscription, CancellationToken token)
    {
        try
        {
            using var timer = new PeriodicTimer(state.Options.BookmarkInterval, state.Time);
            while (await timer.WaitForNextTickAsync(token))
            {
                state.Store.Bookmark(subscription);
            }
        }
        catch (OperationCanceledException)
        {
            // The watch ended.
        }
    }
}
