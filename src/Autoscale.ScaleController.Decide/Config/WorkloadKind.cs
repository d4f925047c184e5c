namespace Autoscale.ScaleController.Config;

/// <summary>
/// The kind of a scale target: any API group, version and Kind with a <c>/scale</c> subresource (Deployments,
/// StatefulSets, LeaderWorkerSets, Argo Rollouts, …). Identity is group + Kind: the version is only how the
/// controller talks to the API server, so an HPA on <c>apps/v1</c> and a placeholder's owner annotation (which has
/// no version) name the same kind.
/// </summary>
public sealed record WorkloadKind(string Group, string Version, string Kind)
{
    public const string AppsGroup = "apps";

    public static WorkloadKind Deployment { get; } = new(AppsGroup, "v1", "Deployment");

    public static WorkloadKind StatefulSet { get; } = new(AppsGroup, "v1", "StatefulSet");

    /// <summary>Multi-node vLLM (leaderworkerset.x-k8s.io, a kubernetes-sigs project); its /scale selects the leader pods.</summary>
    public static WorkloadKind LeaderWorkerSet { get; } = new("leaderworkerset.x-k8s.io", "v1", "LeaderWorkerSet");

    /// <summary>The kinds a config entry may name without an apiVersion.</summary>
    public static IReadOnlyList<WorkloadKind> Defaulted { get; } = [Deployment, StatefulSet, LeaderWorkerSet];

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Deployments and StatefulSets are watched (list/watch caches); every other kind is read through its /scale subresource.</summary>
    public bool IsWatched => Group == AppsGroup && Kind is "Deployment" or "StatefulSet";

    /// <summary>A Kind with an apiVersion (<c>group/version</c>, or <c>v1</c> for the core group); null if either is malformed.</summary>
    public static WorkloadKind? From(string? apiVersion, string? kind)
    {
        if (string.IsNullOrEmpty(kind) || !IsValidKind(kind) || string.IsNullOrEmpty(apiVersion))
        {
            return null;
        }

        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        return IsValidVersion(version) && (group.Length == 0 || Dns1123.IsValid(group, subdomain: true)) ? new WorkloadKind(group, version, kind) : null;
    }

    /// <summary>The defaulted kind named <paramref name="kind"/> (Deployment, StatefulSet, LeaderWorkerSet), or null.</summary>
    public static WorkloadKind? Default(string kind) => Defaulted.FirstOrDefault(k => k.Kind == kind);

    /// <summary>
    /// Reads <see cref="ToString"/>'s form back (placeholder owner annotations): <c>Kind</c> for the defaulted kinds,
    /// <c>Kind.group</c> otherwise. The version is not part of it (left empty): it is not part of the identity.
    /// </summary>
    public static bool TryParse(string text, out WorkloadKind kind)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var (name, group) = dot < 0 ? (text, (string?)null) : (text[..dot], text[(dot + 1)..]);
        kind = group is null ? Default(name) ?? new WorkloadKind("", "", name) : new WorkloadKind(group, "", name);
        return IsValidKind(name) && (group is null || Dns1123.IsValid(group, subdomain: true));
    }

    /// <summary>A Kind is one DNS-1035 label once lower-cased (the CRD rule), conventionally UpperCamelCase.</summary>
    public static bool IsValidKind(string kind) =>
        kind.Length is > 0 and <= 63 && char.IsAsciiLetter(kind[0]) && kind[^1] != '-' && kind.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>A version is a DNS-1035 label (v1, v1beta2, …).</summary>
    public static bool IsValidVersion(string version) =>
        version.Length is > 0 and <= 63 && char.IsAsciiLetterLower(version[0]) && char.IsAsciiLetterOrDigit(version[^1])
        && version.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    public bool Equals(WorkloadKind? other) =>
        other is not null && string.Equals(Group, other.Group, StringComparison.Ordinal) && string.Equals(Kind, other.Kind, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Group, Kind);

    /// <summary><c>Deployment</c>, <c>StatefulSet</c>, <c>LeaderWorkerSet</c>; <c>Kind.group</c> for any other kind.</summary>
    public override string ToString() => Default(Kind) is { } known && known.Group == Group ? Kind : Group.Length == 0 ? Kind : $"{Kind}.{Group}";
}
