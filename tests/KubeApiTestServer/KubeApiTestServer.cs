using System.Net;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Autoscale.Testing.KubeApi.Aggregation;
using Autoscale.Testing.KubeApi.Catalog;
using Autoscale.Testing.KubeApi.Http;
using Autoscale.Testing.KubeApi.Store;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Autoscale.Testing.KubeApi;

/// <summary>
/// An in-process Kubernetes API server for tests, on plain HTTP at 127.0.0.1 and a free port. The real
/// KubernetesClient and kubectl talk to it; tests seed and inspect objects directly, register tokens and an
/// authorization policy, inject faults, and read the audit of every request.
/// </summary>
public sealed class KubeApiTestServer : IAsyncDisposable
{
    /// <summary>The namespace of the Services that route to backends in this process (<see cref="AddApiService"/>).</summary>
    public const string InProcessNamespace = "kube-system";

    private readonly WebApplication _app;
    private readonly ServerState _state;
    private readonly X509Certificate2? _certificate;
    private readonly AvailabilityCheck _availability;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _availabilityLoop;

    private KubeApiTestServer(WebApplication app, ServerState state, Uri baseAddress, X509Certificate2? certificate)
    {
        _app = app;
        _state = state;
        _certificate = certificate;
        BaseAddress = baseAddress;
        _availability = new AvailabilityCheck(state);
        _availabilityLoop = state.Options.ApiServiceCheckInterval is { } interval ? CheckApiServicesEveryAsync(interval) : Task.CompletedTask;
    }

    public Uri BaseAddress { get; }

    /// <summary>The latest resourceVersion the store has handed out.</summary>
    public long ResourceVersion => _state.Store.CurrentResourceVersion;

    /// <summary>Every request so far, in arrival order, as RBAC would see it.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _state.Requests;

    /// <summary>Decides SubjectAccessReviews (true allow, false deny, null → 500); default deny.</summary>
    public Func<V1SubjectAccessReviewSpec, bool?> AuthorizationPolicy
    {
        get => _state.AuthorizationPolicy;
        set => _state.AuthorizationPolicy = value;
    }

    public static async Task<KubeApiTestServer> StartAsync(KubeApiTestServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var state = new ServerState(options ?? new KubeApiTestServerOptions());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var certificate = state.Options.UseHttps ? SelfSignedCertificate.Create() : null;
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();

        app.Use(new Gateway(state).InvokeAsync);
        app.Use(new AggregatorProxy(state).InvokeAsync);
        app.MapGet("/version", DiscoveryHandler.VersionAsync);
        app.MapGet("/api", context => DiscoveryHandler.CoreVersionsAsync(context, state));
        app.MapGet("/api/v1", context => DiscoveryHandler.ResourceListAsync(context, state, "", "v1"));
        app.MapGet("/apis", context => DiscoveryHandler.GroupListAsync(context, state));
        app.MapGet("/apis/{group}", (HttpContext context, string group) => DiscoveryHandler.GroupAsync(context, state, group));
        app.MapGet("/apis/{group}/{version}", (HttpContext context, string group, string version) => DiscoveryHandler.ResourceListAsync(context, state, group, version));
        app.MapPost("/apis/authentication.k8s.io/v1/tokenreviews", context => ReviewHandler.TokenReviewAsync(context, state));
        app.MapPost("/apis/authorization.k8s.io/v1/subjectaccessreviews", context => ReviewHandler.SubjectAccessReviewAsync(context, state));
        // "{**path}", not MapFallback's default "{*path:nonfile}": object names may contain dots
        // (v1beta1.custom.metrics.k8s.io, Event names "{object}.{hash}"), which the nonfile constraint leaves unrouted.
        app.MapFallback("{**path}", new ResourceEndpoint(state).HandleAsync);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        state.ServerAddress = baseAddress.Authority;
        return new KubeApiTestServer(app, state, baseAddress, certificate);
    }

    /// <summary>A client configuration for this server; the token (if any) should be registered with <see cref="AddToken"/>.</summary>
    public KubernetesClientConfiguration CreateClientConfiguration(string? bearerToken = null) => new()
    {
        Host = BaseAddress.AbsoluteUri,
        AccessToken = bearerToken,
        SslCaCerts = _certificate is null ? null : [X509CertificateLoader.LoadCertificate(_certificate.RawData)],
    };

    public k8s.Kubernetes CreateClient(string? bearerToken = null) => new(CreateClientConfiguration(bearerToken));

    /// <summary>Writes a kubeconfig (one cluster, context and user) for kubectl and returns its path.</summary>
    public string WriteKubeconfig(string path, string? bearerToken = null)
    {
        var user = bearerToken is null ? "{}" : $"\n    token: {bearerToken}";
        var authority = _certificate is null ? "" : $"\n    certificate-authority-data: {Convert.ToBase64String(Encoding.ASCII.GetBytes(_certificate.ExportCertificatePem()))}";
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: kubeapi-test
              cluster:
                server: {BaseAddress.AbsoluteUri.TrimEnd('/')}{authority}
            contexts:
            - name: kubeapi-test
              context:
                cluster: kubeapi-test
                user: kubeapi-test
            current-context: kubeapi-test
            users:
            - name: kubeapi-test
              user: {user}

            """);
        return path;
    }

    /// <summary>Registers a bearer token; TokenReview and request authentication resolve it to this user.</summary>
    public void AddToken(string token, string user, params string[] groups) =>
        _state.Tokens[token] = new KubeUser(user, groups, Guid.NewGuid().ToString());

    /// <summary>
    /// Creates or replaces an object as given, status included (seeding bypasses the API's rules), and returns it
    /// as stored, with server-set uid, resourceVersion, creationTimestamp and generation.
    /// </summary>
    public T Upsert<T>(T obj)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var (group, version, kind, plural) = Entity<T>();
        var json = JsonNode.Parse(KubernetesJson.Serialize(obj))!.AsObject();
        json["apiVersion"] = group.Length == 0 ? version : $"{group}/{version}";
        json["kind"] = kind;
        return KubernetesJson.Deserialize<T>(UpsertJson(json, plural).ToJsonString());
    }

    /// <summary>
    /// Serves the resource a CustomResourceDefinition declares (every served version), as the apiextensions server
    /// does once a CRD is established: discovery lists it with its status and scale subresources, and the scale
    /// subresource reads and writes the paths the CRD names. Objects of the kind can then be seeded with <see cref="UpsertJson(string)"/>.
    /// </summary>
    public void AddCustomResourceDefinition(V1CustomResourceDefinition crd)
    {
        ArgumentNullException.ThrowIfNull(crd);
        var names = crd.Spec.Names;
        foreach (var version in crd.Spec.Versions.Where(v => v.Served))
        {
            var scale = version.Subresources?.Scale is { } s ? new CustomScale(s.SpecReplicasPath, s.StatusReplicasPath, s.LabelSelectorPath) : null;
            _state.Catalog.Add(new ResourceType(
                crd.Spec.Group, version.Name, names.Plural, names.Kind, crd.Spec.Scope == "Namespaced",
                HasStatus: version.Subresources?.Status is not null, HasScale: scale is not null, ShortNames: names.ShortNames?.ToArray(), Scale: scale));
        }
    }

    /// <summary>Creates or replaces an object given as JSON (apiVersion and kind required); unknown kinds become new resources.</summary>
    public JsonObject UpsertJson(string json) => UpsertJson(JsonNode.Parse(json)!.AsObject(), plural: null);

    public T? Get<T>(string? ns, string name)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var found = _state.Store.Get(Type<T>(), ns ?? "", name);
        return found is null ? default : KubernetesJson.Deserialize<T>(found.ToJsonString());
    }

    /// <summary>Objects of a kind in one namespace, or in all when <paramref name="ns"/> is null.</summary>
    public IReadOnlyList<T> List<T>(string? ns = null)
        where T : IKubernetesObject<V1ObjectMeta> =>
        _state.Store.List(Type<T>(), ns).Items.Select(o => KubernetesJson.Deserialize<T>(o.ToJsonString())).ToList();

    /// <summary>Deletes an object as the API would (watchers see DELETED); false if it did not exist.</summary>
    public bool Delete<T>(string? ns, string name)
        where T : IKubernetesObject<V1ObjectMeta> =>
        _state.Store.Delete(Type<T>(), ns ?? "", name) is not null;

    /// <summary>Objects of any served kind (custom resources too) as stored, in one namespace or in all when <paramref name="ns"/> is null.</summary>
    public IReadOnlyList<JsonObject> ListJson(string group, string kind, string? ns = null) =>
        _state.Catalog.FindByKind(group, kind) is { } type
            ? [.. _state.Store.List(type, ns).Items.Select(o => (JsonObject)o.DeepClone())]
            : [];

    /// <summary>Deletes an object of any served kind (custom resources too) as the API would; false if it did not exist.</summary>
    public bool DeleteJson(string group, string kind, string? ns, string name) =>
        _state.Catalog.FindByKind(group, kind) is { } type && _state.Store.Delete(type, ns ?? "", name) is not null;

    /// <summary>
    /// Registers an aggregated API served in this process: an Available APIService <c>{version}.{group}</c> whose
    /// Service (<c>kube-system/in-process-{group}</c>) routes to <paramref name="backend"/>, through the one aggregator
    /// (<see cref="RouteService"/> routes to a real server instead). Discovery lists the group, and every request under
    /// <c>/apis/{group}/{version}</c> passes authentication, audit, faults and authorization like any other and is then
    /// answered by <paramref name="backend"/> (a throwing backend answers 503). Registering again replaces the backend.
    /// </summary>
    public void AddApiService(string group, string version, Func<ApiServiceRequest, ApiServiceResponse> backend)
    {
        var service = $"in-process-{group}";
        _state.ServiceRoutes[(InProcessNamespace, service)] = new ServiceRoute(InProcessNamespace, service, null, backend);
        _state.Store.Write(Aggregation.ApiServices.Type(_state), "", $"{version}.{group}", _ => new JsonObject
        {
            ["apiVersion"] = "apiregistration.k8s.io/v1",
            ["kind"] = "APIService",
            ["metadata"] = new JsonObject { ["name"] = $"{version}.{group}" },
            ["spec"] = new JsonObject
            {
                ["group"] = group, ["version"] = version, ["groupPriorityMinimum"] = 100, ["versionPriority"] = 100,
                ["service"] = new JsonObject { ["namespace"] = InProcessNamespace, ["name"] = service },
            },
            ["status"] = new JsonObject
            {
                ["conditions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Available", ["status"] = "True", ["reason"] = "Passed", ["message"] = "all checks passed",
                    ["lastTransitionTime"] = ObjectStore.Timestamp(_state.Time),
                }),
            },
        });
    }

    /// <summary>Unregisters an aggregated API added by <see cref="AddApiService"/>: its paths answer 404 again.</summary>
    public void RemoveApiService(string group, string version)
    {
        _state.Store.Delete(Aggregation.ApiServices.Type(_state), "", $"{version}.{group}");
        _state.ServiceRoutes.TryRemove((InProcessNamespace, $"in-process-{group}"), out _);
    }

    /// <summary>
    /// Gives a Service endpoints: the aggregator proxies the APIServices that name it to <paramref name="endpoint"/>
    /// (verifying the server name <c>{name}.{namespace}.svc</c> against the APIService's caBundle). The Service object
    /// itself must exist too (seed it) or the APIService is ServiceNotFound.
    /// </summary>
    public void RouteService(string ns, string name, Uri endpoint) => _state.ServiceRoutes[(ns, name)] = new ServiceRoute(ns, name, endpoint);

    /// <summary>Takes a Service's endpoints away (the backend pods are gone): its APIServices turn MissingEndpoints.</summary>
    public void UnrouteService(string ns, string name) => _state.ServiceRoutes.TryRemove((ns, name), out _);

    /// <summary>Runs the aggregator's availability check once and writes every APIService's Available condition.</summary>
    public Task CheckApiServicesAsync(CancellationToken cancellationToken = default) => _availability.RunAsync(cancellationToken);

    /// <summary>Answers matching requests with a fault while the rule returns one (null clears the rule).</summary>
    public void InjectFaults(Func<RecordedRequest, InjectedFault?>? rule) => _state.FaultRule = rule;

    /// <summary>Answers the next <paramref name="count"/> requests that match (all, by default) with the fault.</summary>
    public void FailNext(int count, InjectedFault fault, Func<RecordedRequest, bool>? match = null) =>
        _state.QueueFault(count, fault, match ?? (_ => true));

    /// <summary>Ends every open watch stream cleanly, as an API server restart or timeout would.</summary>
    public void DropWatches() => _state.Store.CloseAllWatches();

    /// <summary>Forgets the event history: watches resumed from an earlier resourceVersion get 410 Expired.</summary>
    public void Compact() => _state.Store.Compact();

    /// <summary>Sends a bookmark now on every open watch that allowed bookmarks.</summary>
    public void SendBookmarks() => _state.Store.Bookmark();

    public void ClearRequests() => _state.ClearRequests();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _availabilityLoop;
        _stopping.Dispose();
        _state.Backends.Dispose();
        _state.Store.CloseAllWatches();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate?.Dispose();
    }

    private async Task CheckApiServicesEveryAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval, _state.Time);
        try
        {
            do
            {
                await _availability.RunAsync(_stopping.Token);
            }
            while (await timer.WaitForNextTickAsync(_stopping.Token));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private JsonObject UpsertJson(JsonObject json, string? plural)
    {
        var apiVersion = json["apiVersion"]?.ToString() ?? throw new ArgumentException("apiVersion is required", nameof(json));
        var kind = json["kind"]?.ToString() ?? throw new ArgumentException("kind is required", nameof(json));
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        var ns = ObjectMeta.Namespace(json);
        var type = _state.Catalog.Resolve(group, version, kind, plural, namespaced: ns.Length > 0);
        var name = ObjectMeta.Name(json);
        if (name.Length == 0)
        {
            throw new ArgumentException("metadata.name is required", nameof(json));
        }

        ObjectMeta.Of(json).Remove("resourceVersion");
        return _state.Store.Write(type, ns, name, _ => json).Stored;
    }

    private ResourceType Type<T>()
    {
        var (group, version, kind, plural) = Entity<T>();
        return _state.Catalog.FindByKind(group, kind) ?? _state.Catalog.Resolve(group, version, kind, plural, namespaced: true);
    }

    private static (string Group, string Version, string Kind, string? Plural) Entity<T>()
    {
        var entity = typeof(T).GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{typeof(T).Name} has no [KubernetesEntity] attribute; use UpsertJson");
        return (entity.Group ?? "", entity.ApiVersion, entity.Kind, entity.PluralName);
    }
}
