using System.Text.Json.Nodes;
using Autoscale.Testing.KubeApi.Http;
using Autoscale.Testing.KubeApi.Store;

namespace Autoscale.Testing.KubeApi.Aggregation;

/// <summary>
/// kube-aggregator's AvailableConditionController (pkg/controllers/status/available_controller.go): for each
/// APIService with a service it checks that the Service exists, that it has endpoints, and that the backend answers
/// discovery of its group version, then writes the <c>Available</c> condition with upstream's reasons and messages
/// (Local, ServiceNotFound, MissingEndpoints, FailedDiscoveryCheck, Passed). Run on demand or on an interval.
/// </summary>
internal sealed class AvailabilityCheck(ServerState state)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var service in ApiServices.All(state).ToList())
        {
            var (available, reason, message) = await CheckAsync(service, cancellationToken);
            try
            {
                Write(service.Name, available, reason, message);
            }
            catch (InvalidOperationException)
            {
                // Deleted while it was checked: nothing to write.
            }
        }
    }

    private async Task<(bool Available, string Reason, string Message)> CheckAsync(ApiServiceRecord service, CancellationToken cancellationToken)
    {
        if (service.IsLocal)
        {
            return (true, "Local", "Local APIServices are always available");
        }

        if (state.ServiceRoutes.TryGetValue((service.ServiceNamespace!, service.ServiceName!), out var inProcess) && inProcess.Backend is not null)
        {
            return (true, "Passed", "all checks passed");
        }

        var services = state.Catalog.Find("", "v1", "services")!;
        if (state.Store.Get(services, service.ServiceNamespace!, service.ServiceName!) is null)
        {
            return (false, "ServiceNotFound", $"service/{service.ServiceName} in \"{service.ServiceNamespace}\" is not present");
        }

        if (!state.ServiceRoutes.TryGetValue((service.ServiceNamespace!, service.ServiceName!), out var route))
        {
            return (false, "MissingEndpoints", $"endpoints for service/{service.ServiceName} in \"{service.ServiceNamespace}\" have no addresses with port name \"https\"");
        }

        var url = new Uri(route.Endpoint!, $"/apis/{service.Group}/{service.Version}");
        var shown = $"https://{service.ServerName}:443/apis/{service.Group}/{service.Version}";
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Host = service.ServerName;
            request.Headers.TryAddWithoutValidation("X-Remote-User", "system:kube-aggregator");
            request.Headers.TryAddWithoutValidation("X-Remote-Group", "system:masters");
            using var response = await state.Backends.For(service).SendAsync(request, timeout.Token);
            return (int)response.StatusCode is >= 200 and < 300
                ? (true, "Passed", "all checks passed")
                : (false, "FailedDiscoveryCheck", $"failing or missing response from {shown}: bad status from {shown}: {(int)response.StatusCode}");
        }
        catch (Exception error) when (error is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (false, "FailedDiscoveryCheck", $"failing or missing response from {shown}: {error.GetBaseException().Message}");
        }
    }

    private void Write(string name, bool available, string reason, string message) =>
        state.Store.Write(ApiServices.Type(state), "", name, current =>
        {
            var next = current ?? throw new InvalidOperationException($"APIService {name} went away");
            var status = next["status"] as JsonObject ?? new JsonObject();
            var conditions = status["conditions"] as JsonArray ?? [];
            var old = conditions.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == "Available");
            var value = available ? "True" : "False";
            var transition = old is not null && old["status"]?.GetValue<string>() == value
                ? old["lastTransitionTime"]?.DeepClone()
                : ObjectStore.Timestamp(state.Time);
            if (old is not null)
            {
                conditions.Remove(old);
            }

            conditions.Add(new JsonObject
            {
                ["type"] = "Available", ["status"] = value, ["lastTransitionTime"] = transition, ["reason"] = reason, ["message"] = message,
            });
            status["conditions"] = conditions;
            next["status"] = status;
            return next;
        });
}
