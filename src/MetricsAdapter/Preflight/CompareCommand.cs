using System.Globalization;
using Autoscale.Hosting.Flags;

namespace Autoscale.MetricsAdapter.Preflight;

/// <summary>
/// <c>compare</c>: the old adapter (the one HPAs use now, e.g. prometheus-adapter) and this one, side by side:
/// discovery, then each pod metric both serve, pod by pod. Both are read directly (port-forwards), since only one of
/// them can own the APIService. Exit 0 the new one serves what the old one does, 1 it does not, 2 usage,
/// 3 an adapter could not be read.
/// </summary>
internal static class CompareCommand
{
    private static readonly FlagSet Flags = new FlagSet()
        .Value("old", "URL", "the adapter HPAs use today (https://127.0.0.1:6443)")
        .Value("new", "URL", "the adapter to switch to (https://127.0.0.1:6444)")
        .Value("namespace", "NS", "where to compare pod values")
        .Value("selector", "SELECTOR", "only pods matching this label selector (e.g. app=vllm)")
        .Value("metric", "M1,M2", "only these metrics (default: every pod metric both serve)")
        .Value("api-version", "VERSION", "v1beta1 (default; every prometheus-adapter serves it) | v1beta2")
        .Value("token-file", "FILE", "bearer token sent to both (e.g. kubectl create token -n kube-system horizontal-pod-autoscaler)")
        .Bool("insecure-skip-tls-verify", "accept the adapters' certificates without checking (port-forwards reach 127.0.0.1)")
        .Value("tolerance", "FRACTION", "largest relative difference counted as the same (default 0.1): the two adapters\nsample at different moments and may average over different windows");

    public static string Usage { get; } = """
        Usage: Autoscale.MetricsAdapter compare --old=URL --new=URL --namespace=NS [flags]

        Diffs two custom-metrics adapters before switching the APIService from the old one to the new one: the
        metrics each lists in discovery, then every pod metric both serve, pod by pod, in one namespace. Reach
        each adapter through a port-forward, e.g.
          kubectl -n monitoring port-forward svc/prometheus-adapter 6443:443 &
          kubectl -n autoscale port-forward svc/autoscale-metrics-adapter 6444:443 &
        Exit 0 the new adapter serves what the old one does, 1 it does not, 2 usage, 3 an adapter is unreachable.


        """ + Flags.Help();

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        Uri? old = null, @new = null;
        string? ns = null, selector = null, token = null, version = "v1beta1";
        var metrics = new HashSet<string>(StringComparer.Ordinal);
        var insecure = false;
        var tolerance = 0.1;
        foreach (var (name, value) in Flags.Parse(args).Given)
        {
            switch (name)
            {
                case "old":
                    old = Url(name, value);
                    break;
                case "new":
                    @new = Url(name, value);
                    break;
                case "namespace":
                    ns = value;
                    break;
                case "selector":
                    selector = value;
                    break;
                case "metric":
                    metrics.UnionWith(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "api-version":
                    version = value;
                    if (version is not ("v1beta1" or "v1beta2"))
                    {
                        throw new ArgumentException("flag --api-version: must be v1beta1 or v1beta2");
                    }

                    break;
                case "token-file":
                    token = Token(name, value);
                    break;
                case "insecure-skip-tls-verify":
                    insecure = value == "true";
                    break;
                case "tolerance":
                    tolerance = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t >= 0 && double.IsFinite(t)
                        ? t
                        : throw new ArgumentException("flag --tolerance: must be a fraction like 0.1");
                    break;
                default:
                    throw new ArgumentException($"unknown flag --{name} for compare");
            }
        }

        if (old is null || @new is null || ns is null)
        {
            throw new ArgumentException("compare needs --old=URL, --new=URL and --namespace=NS");
        }

        using var http = AdapterReader.CreateHttpClient(token, insecure);
        var oldReader = new AdapterReader(http, old, version);
        var newReader = new AdapterReader(http, @new, version);
        var comparison = new MetricComparison(tolerance);
        try
        {
            var oldResources = await oldReader.DiscoverAsync(CancellationToken.None).ConfigureAwait(false);
            var newResources = await newReader.DiscoverAsync(CancellationToken.None).ConfigureAwait(false);
            foreach (var metric in comparison.AddDiscovery(oldResources, newResources, metrics))
            {
                comparison.AddValues(
                    metric,
                    await oldReader.PodValuesAsync(ns, metric, selector, CancellationToken.None).ConfigureAwait(false),
                    await newReader.PodValuesAsync(ns, metric, selector, CancellationToken.None).ConfigureAwait(false));
            }
        }
        catch (AdapterReadException ex)
        {
            await errors.WriteLineAsync($"compare: cannot read {ex.Message}").ConfigureAwait(false);
            return 3;
        }

        await comparison.WriteAsync(
            output,
            $"discovery: custom.metrics.k8s.io/{version}, old {old} vs new {@new}",
            $"pod values in namespace {ns}{(selector is null ? "" : $" ({selector})")}, tolerance {tolerance.ToString(CultureInfo.InvariantCulture)}:").ConfigureAwait(false);
        return comparison.Clean ? 0 : 1;
    }

    private static Uri Url(string flag, string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new ArgumentException($"flag --{flag}: \"{text}\" is not an http(s) URL");

    private static string Token(string flag, string path) =>
        File.Exists(path) ? File.ReadAllText(path).Trim() : throw new ArgumentException($"flag --{flag}: file \"{path}\" does not exist");
}
