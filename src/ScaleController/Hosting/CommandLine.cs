using System.Globalization;
using Autoscale.Hosting;
using Autoscale.Hosting.Flags;
using Autoscale.Kubernetes;

namespace Autoscale.ScaleController.Hosting;

/// <summary>The controller's flags, declared once in a <see cref="FlagSet"/> that parses them and writes <see cref="Usage"/>; unknown flags and bad values throw naming the flag.</summary>
internal static class CommandLine
{
    private static readonly FlagSet Flags = new FlagSet()
        .Value("config", "FILE", "local config file, re-read when it changes (default: watch the ConfigMap)")
        .Value("config-namespace", "NS", "namespace of the config ConfigMap (default autoscale)")
        .Value("config-map", "NAME", "the config ConfigMap (default autoscale-scale-controller-config)")
        .Bool("check", "validate --config=FILE, print every error naming its field, and exit")
        .Value("kubeconfig", "FILE", "cluster access (default: in-cluster, else $KUBECONFIG or ~/.kube/config)")
        .Value("bind-address", "ADDR", "address of the health port (default 0.0.0.0)")
        .Value("health-port", "N", "/healthz, /readyz, /metrics (default 8081, -1 = off)")
        .Bool("leader-elect", "run leader election (default true); --leader-elect=false: this instance always acts")
        .Value("leader-election-namespace", "NS", "namespace of the Lease (default autoscale)")
        .Value("leader-election-id", "NAME", "identity in the Lease (default $POD_NAME, else the host name)")
        .Value("lease-duration", "DURATION", "(default 15s)")
        .Value("renew-deadline", "DURATION", "(default 10s)")
        .Value("retry-period", "DURATION", "(default 2s)")
        .Value("interval", "DURATION", "decide every … (default 10s), and soon after any watched change")
        .Value("debounce", "DURATION", "wait after a change before deciding (default 1s)")
        .Bool("dry-run", "decide and log, write nothing")
        .Also(LogSettings.Declare);

    public static string Usage { get; } = """
        Usage: Autoscale.ScaleController [flags]


        """ + Flags.Help();

    public static ControllerOptions Parse(IReadOnlyList<string> args)
    {
        var o = new ControllerOptions();
        foreach (var (name, value) in Flags.Parse(args).Given)
        {
            var on = value == "true";
            o = name switch
            {
                "config" => o with { ConfigFile = value },
                "config-namespace" => o with { ConfigNamespace = value },
                "config-map" => o with { ConfigMapName = value },
                "check" => o with { Check = on },
                "kubeconfig" => o with { Kubeconfig = value },
                "bind-address" => o with { BindAddress = value },
                "health-port" => o with { HealthPort = Port(name, value) },
                "leader-elect" => o with { LeaderElect = on },
                "leader-election-namespace" => o with { LeaderElectionNamespace = value },
                "leader-election-id" => o with { Identity = value },
                "lease-duration" => o with { LeaseDuration = Duration(name, value) },
                "renew-deadline" => o with { RenewDeadline = Duration(name, value) },
                "retry-period" => o with { RetryPeriod = Duration(name, value) },
                "interval" => o with { Loop = o.Loop with { Interval = Duration(name, value) } },
                "debounce" => o with { Loop = o.Loop with { Debounce = Duration(name, value) } },
                "dry-run" => o with { DryRun = on },
                "log-format" or "log-level" or "v" => o with { Log = o.Log.With(name, value)! },
                "version" => o,
                _ => throw new FlagException($"unknown flag --{name}"),
            };
        }

        if (o.LeaderElect && !(o.RetryPeriod < o.RenewDeadline && o.RenewDeadline < o.LeaseDuration && o.LeaseDuration >= TimeSpan.FromSeconds(1)))
        {
            throw new ArgumentException("--retry-period < --renew-deadline < --lease-duration (at least 1s) is required");
        }

        return o.Check && o.ConfigFile is null ? throw new ArgumentException("--check needs --config=FILE") : o;
    }

    private static int Port(string flag, string value) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var port) && port is >= -1 and <= 65535
            ? port : throw new ArgumentException($"flag --{flag}: \"{value}\" is not a port (0-65535, -1 = off)");

    /// <summary>Go-style durations: 500ms, 10s, 1m30s, 1h; above zero.</summary>
    public static TimeSpan Duration(string flag, string value) =>
        GoDuration.TryParse(value, out var duration) && duration > TimeSpan.Zero
            ? duration
            : throw new ArgumentException($"flag --{flag}: \"{value}\" is not a positive duration (e.g. 500ms, 10s, 1m30s)");
}
