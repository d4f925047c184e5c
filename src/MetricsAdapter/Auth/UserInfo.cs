namespace Autoscale.MetricsAdapter.Auth;

/// <summary>An authenticated identity (k8s.io/apiserver <c>user.Info</c>).</summary>
internal sealed record UserInfo(
    string Name,
    string? Uid,
    IReadOnlyList<string> Groups,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Extra)
{
    public const string AuthenticatedGroup = "system:authenticated";
    public const string MastersGroup = "system:masters";

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoExtra =
        new Dictionary<string, IReadOnlyList<string>>();

    public static UserInfo Create(string name, IEnumerable<string> groups, string? uid = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? extra = null)
    {
        // As the delegating authenticator does: every authenticated user is also in system:authenticated.
        var all = groups.Where(g => g.Length > 0).ToList();
        if (!all.Contains(AuthenticatedGroup, StringComparer.Ordinal))
        {
            all.Add(AuthenticatedGroup);
        }

        return new UserInfo(name, uid, all, extra ?? NoExtra);
    }
}
