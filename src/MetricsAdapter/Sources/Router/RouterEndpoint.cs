namespace Autoscale.MetricsAdapter.Sources.Router;

/// <summary>One router to scrape (config <c>routers:</c>): its kind, its /metrics URL and the models it maps to scale targets.</summary>
/// <param name="Name">Names it in replies and logs; unique in the config.</param>
/// <param name="BearerTokenFile">A token file sent as <c>Authorization: Bearer</c> (re-read every minute); null: none.</param>
internal sealed record RouterEndpoint(string Name, RouterKind Kind, Uri Url, IReadOnlyList<RouterModel> Models, string? BearerTokenFile = null)
{
    /// <summary>Equal settings (records compare lists by reference): a reload that changes none keeps the loops running.</summary>
    public static bool SameAll(IReadOnlyList<RouterEndpoint> a, IReadOnlyList<RouterEndpoint> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Same(p.Second));

    private bool Same(RouterEndpoint other) =>
        Name == other.Name && Kind == other.Kind && Url == other.Url && BearerTokenFile == other.BearerTokenFile && Models.SequenceEqual(other.Models);
}
