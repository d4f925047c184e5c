namespace Autoscale.MetricsAdapter.Config;

/// <summary>A config file that cannot be used; each error names the field, e.g. <c>scrape.interval: must be at least 500ms, got 100ms</c>.</summary>
internal sealed class ConfigException(IReadOnlyList<string> errors)
    : Exception(string.Join("; ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
