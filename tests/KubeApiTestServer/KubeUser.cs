namespace Autoscale.Testing.KubeApi;

/// <summary>An identity a registered bearer token stands for.</summary>
public sealed record KubeUser(string Name, IReadOnlyList<string> Groups, string Uid)
{
    public static KubeUser Anonymous { get; } = new("system:anonymous", ["system:unauthenticated"], "");
}
