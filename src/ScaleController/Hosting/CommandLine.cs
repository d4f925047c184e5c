using System.Globalization;
using Autoscale.Hosting;
using Autoscale.Kubernetes;

namespace Autoscale.ScaleController.Hosting;

/// <summary>Parses <c>--flag=value</c> / <c>--flag value</c>; unknown flags and bad values throw naming the flag.</summary>
internal static class CommandLine
{
    public const string Usage = """
        Usage: Autoscale.ScaleController [flags]

          --config=FILE                     local config file, re-read when it changes (default: watch the ConfigMap)
          --config-namespace=NS             namespace of the config ConfigMap (default autoscale)
          --config-map=NAME                 the config ConfigMap (default autoscale-scale-controller-config)
          --check                           validate --config=FILE, print every error naming its field, and exit
          --kubeconfig=FILE                 cluster access (default: in-cluster, else $KUBECONFIG or ~/.kube/config)
          --bind-address=ADDR               address of the health port (default 0.0.0.0)
          --health-port=N                   /healthz, /readyz, /metrics (default 8081, -1 = off)
          --leader-elect=BOOL               run leader election (default true); false: this instance always acts
          --leader-election-namespace=NS    namespace of the Lease (default autoscale)
          --leader-election-id=NAME         identity in the Lease (default $POD_NAME, else the host name)
          --lease-duration=DURATION         (default 15s)
          --renew-deadline=DURATION         (default 10s)
          --retry-period=DURATION           (default 2s)
          --interval=DURATION               decide every … (default 10s), and soon after any watched change
          --debounce=DURATION               wait after a change before deciding (default 1s)
          --dry-run                         decide and log, write nothing
          --log-format=FORMAT               text (default: one line per entry, ISO-8601 UTC time) | json (one object per line)
          --log-level=LEVEL                 trace | debug | info (default) | warning | error
          --v=N                             klog-style verbosity: 4 = debug, 5 or more = trace
          --version                         print the version and commit, and exit
        """;

    public static ControllerOptions Parse(IReadOnlyList<string> args)
    {
        var o = new ControllerOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument \"{arg}\"");
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? arg[2..] : arg[2..eq];
            var inline = eq < 0 ? null : arg[(eq + 1)..];
            string Value() => inline ?? (i + 1 < args.Count ? args[++i] : throw new ArgumentException($"flag --{name} needs a value"));
            bool Bool() => inline is null || (bool.TryParse(inline, out var b) ? b : throw new ArgumentException($"flag --{name}: \"{inline}\" is not true or false"));
            o = name switch
            {
                "config" => o with { ConfigFile = Value() },
                "config-namespace" => o with { ConfigNamespace = Value() },
                "config-map" => o with { ConfigMapName = Value() },
                "check" => o with { Check = Bool() },
                "kubeconfig" => o with { Kubeconfig = Value() },
                "bind-address" => o with { BindAddress = Value() },
                "health-port" => o with { HealthPort = Port(name, Value()) },
                "leader-elect" => o with { LeaderElect = Bool() },
                "leader-election-namespace" => o with { LeaderElectionNamespace = Value() },
                "leader-election-id" => o with { Identity = Value() },
                "lease-duration" => o with { LeaseDuration = Duration(name, Value()) },
                "renew-deadline" => o with { RenewDeadline = Duration(name, Value()) },
                "retry-period" => o with { RetryPeriod = Duration(name, Value()) },
                "interval" => o with { Loop = o.Loop with { Interval = Duration(name, Value()) } },
                "debounce" => o with { Loop = o.Loop with { Debounce = Duration(name, Value()) } },
                "dry-run" => o with { DryRun = Bool() },
                "log-format" => o with { Log = o.Log with { Json = LogSettings.ParseJson(Value()) } },
                "log-level" => o with { Log = o.Log with { Level = LogSettings.ParseLevel(Value()) } },
                "v" => o with { Log = o.Log with { Level = LogSettings.ParseVerbosity(Value()) } },
                _ => throw new ArgumentException($"unknown flag --{name}"),
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
