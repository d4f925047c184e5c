using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Config;

namespace Autoscale.MetricsAdapter.Hosting;

/// <summary>
/// <c>--check --config=FILE</c>: validates the file exactly as a live reload would (<see cref="AdapterConfigReader"/>)
/// and exits 0 (valid, with a summary), 1 (refused: every problem on its own line, naming its field) or 2 (the file
/// cannot be read), like the controller's <c>--check</c>. A prometheus-adapter rule this adapter does not serve does not
/// refuse the file (the other rules are served, as at run time), but each is listed as a warning naming its rule.
/// </summary>
internal static class CheckCommand
{
    public static async Task<int> RunAsync(string path, TextWriter output, TextWriter errors)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await errors.WriteLineAsync($"error: cannot read {path}: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        if (!AdapterConfigReader.TryRead(text, out var config, out var problems))
        {
            foreach (var problem in problems)
            {
                await errors.WriteLineAsync($"error: {problem}").ConfigureAwait(false);
            }

            return 1;
        }

        foreach (var refusal in config.Prometheus?.Refusals ?? [])
        {
            await errors.WriteLineAsync($"warning: prometheus.{refusal} (not served)").ConfigureAwait(false);
        }

        await output.WriteLineAsync(
            $"config ok: source {(config.Prometheus is null ? "pod scraping" : "prometheus")}, scrape every {GoDuration.Format(config.Scrape.Interval)}, "
            + $"{config.Catalog.Definitions.Count} metrics, {config.Discovery.Pods.Count} extra pod selectors"
            + (config.Routers.Count == 0 ? "" : $", routers {string.Join(", ", config.Routers.Select(r => $"{r.Name} ({r.Models.Count} models)"))}")).ConfigureAwait(false);
        return 0;
    }
}
