namespace Autoscale.Testing.KubeApi;

/// <summary>
/// One request as the API server's audit log and RBAC see it. <see cref="Verb"/> is the RBAC verb
/// (get, list, watch, create, update, patch, delete, deletecollection) for resource requests, and the lower-case
/// HTTP method for non-resource paths such as <c>/api</c> or <c>/version</c>.
/// </summary>
public sealed class RecordedRequest
{
    private int _statusCode;

    public required string Method { get; init; }

    public required string Path { get; init; }

    public required string Query { get; init; }

    public required bool IsResourceRequest { get; init; }

    public required string Verb { get; init; }

    /// <summary>"" for the core group.</summary>
    public required string ApiGroup { get; init; }

    public required string ApiVersion { get; init; }

    public required string Resource { get; init; }

    public required string Subresource { get; init; }

    public required string Namespace { get; init; }

    public required string Name { get; init; }

    /// <summary>The user of the bearer token, or <c>system:anonymous</c> without one.</summary>
    public required string User { get; init; }

    public required IReadOnlyList<string> Groups { get; init; }

    public string? UserAgent { get; init; }

    public string? ContentType { get; init; }

    /// <summary>The response status; 0 while a watch is still streaming.</summary>
    public int StatusCode
    {
        get => Volatile.Read(ref _statusCode);
        internal set => Volatile.Write(ref _statusCode, value);
    }

    public override string ToString() =>
        IsResourceRequest
            ? $"{User} {Verb} {ApiGroup}/{Resource}{(Subresource.Length > 0 ? "/" + Subresource : "")} {Namespace}/{Name} -> {StatusCode}"
            : $"{User} {Verb} {Path} -> {StatusCode}";
}
