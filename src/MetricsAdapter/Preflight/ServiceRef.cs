namespace Autoscale.MetricsAdapter.Preflight;

/// <summary>The Service an APIService sends its group/version to: <c>namespace/name</c>.</summary>
internal sealed record ServiceRef(string Namespace, string Name)
{
    /// <summary>The adapter's Service as deploy/ and the chart install it.</summary>
    public static ServiceRef Default { get; } = new("autoscale", "autoscale-metrics-adapter");

    /// <exception cref="ArgumentException">Not <c>namespace/name</c>.</exception>
    public static ServiceRef Parse(string flag, string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new ArgumentException($"flag --{flag}: \"{text}\" is not NAMESPACE/NAME");
        }

        return new ServiceRef(parts[0], parts[1]);
    }

    public override string ToString() => $"{Namespace}/{Name}";
}
