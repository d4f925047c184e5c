using Autoscale.Hosting.Flags;
using Autoscale.MetricsAdapter.Hosting;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Autoscale.MetricsAdapter.Preflight;

/// <summary>
/// <c>--preflight</c>: reads the APIServices an install registers and refuses (exit 1) when one points at another
/// service, unless <c>--allow-takeover</c>. The chart runs it as a pre-install/pre-upgrade hook; with
/// <c>kubectl apply -k</c> run it by hand first. Exit 0 safe, 1 refused, 2 usage, 3 the cluster could not be read.
/// </summary>
internal static class PreflightCommand
{
    private static readonly FlagSet Flags = new FlagSet()
        .Bool("preflight", "run this check instead of serving")
        .Value("service", "NAMESPACE/NAME", "this adapter's Service (default autoscale/autoscale-metrics-adapter)")
        .Bool("enable-external-metrics", "also check v1beta1.external.metrics.k8s.io (KEDA and Datadog register it)")
        .Bool("allow-takeover", "report a foreign APIService but do not refuse (the install replaces it)")
        .Value("kubeconfig", "FILE", "cluster access (default: in-cluster, else $KUBECONFIG or ~/.kube/config)");

    public static string Usage { get; } = """
        Usage: Autoscale.MetricsAdapter --preflight [flags]

        Checks that installing the adapter takes no APIService away from another adapter: each of
        v1beta2/v1beta1.custom.metrics.k8s.io (and v1beta1.external.metrics.k8s.io with --enable-external-metrics)
        must be absent or point at this adapter's Service. Exit 0 safe, 1 refused, 2 usage, 3 cluster unreadable.


        """ + Flags.Help();

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var ours = ServiceRef.Default;
        var external = false;
        var allowTakeover = false;
        string? kubeconfig = null;
        foreach (var (name, value) in Flags.Parse(args).Given)
        {
            switch (name)
            {
                case "preflight":
                    break;
                case "service":
                    ours = ServiceRef.Parse(name, value);
                    break;
                case "enable-external-metrics":
                    external = value == "true";
                    break;
                case "allow-takeover":
                    allowTakeover = value == "true";
                    break;
                case "kubeconfig":
                    kubeconfig = value;
                    break;
                default:
                    throw new FlagException($"unknown flag --{name} for --preflight");
            }
        }

        IKubernetes kubernetes;
        try
        {
            kubernetes = AdapterApp.CreateClient(new AdapterOptions { Kubeconfig = kubeconfig });
        }
        catch (StartupException ex)
        {
            await errors.WriteLineAsync($"preflight: {ex.Message}").ConfigureAwait(false);
            return 3;
        }

        using var client = kubernetes;
        var findings = new List<ApiServiceFinding>();
        foreach (var name in ApiServiceOwnership.Registered(external))
        {
            V1APIService? existing;
            try
            {
                existing = await ReadAsync(kubernetes, name).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpOperationException or HttpRequestException or OperationCanceledException)
            {
                var why = ex is HttpOperationException http ? $"{(int)http.Response.StatusCode} {http.Response.ReasonPhrase}" : ex.Message;
                await errors.WriteLineAsync($"preflight: cannot read APIService {name}: {why} (needs get on apiservices.apiregistration.k8s.io)").ConfigureAwait(false);
                return 3;
            }

            var finding = ApiServiceOwnership.Judge(name, existing, ours);
            findings.Add(finding);
            await output.WriteLineAsync($"preflight: {name}: {finding.Describe()}").ConfigureAwait(false);
        }

        var takeovers = findings.Where(f => f.IsTakeover).ToList();
        if (takeovers.Count == 0)
        {
            await output.WriteLineAsync($"preflight: ok, no APIService is taken from another service (this adapter: {ours})").ConfigureAwait(false);
            return 0;
        }

        var names = string.Join(", ", takeovers.Select(f => f.Name));
        if (allowTakeover)
        {
            await output.WriteLineAsync($"preflight: taking over {names} (--allow-takeover): HPAs on the other adapter's metrics get this adapter's instead").ConfigureAwait(false);
            return 0;
        }

        await errors.WriteLineAsync(
            $"preflight: refusing to take over {names} from {string.Join(", ", takeovers.Select(f => f.Service?.ToString() ?? "the kube-apiserver").Distinct())}: "
            + "only one APIService per group/version can exist, and every HPA on the other adapter's metrics would lose them. "
            + "Migrate first (docs/migrating-from-prometheus-adapter.md: move its rules, compare both adapters, then switch), "
            + "or pass --allow-takeover (chart: --set preflight.allowTakeover=true).").ConfigureAwait(false);
        return 1;
    }

    private static async Task<V1APIService?> ReadAsync(IKubernetes kubernetes, string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            return await kubernetes.ApiregistrationV1.ReadAPIServiceAsync(name, cancellationToken: timeout.Token).ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
