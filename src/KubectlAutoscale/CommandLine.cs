namespace Autoscale.Kubectl;

/// <summary><c>kubectl-autoscale status HPA [-n NS] [--kubeconfig FILE] [--context NAME]</c>.</summary>
internal sealed record CommandLine(string Hpa, string Namespace, string? Kubeconfig, string? Context)
{
    public const string Usage = """
        Usage: kubectl-autoscale status HPA [-n NAMESPACE] [--kubeconfig FILE] [--context NAME]

        For one HorizontalPodAutoscaler: what custom.metrics.k8s.io serves for each of its metrics (values, sample ages,
        the selected pods left out and why), the APIService behind it, the HPA's conditions, and the scale controller's
        last decision and its reasons (Events and annotations). Reads only.

          -n, --namespace NS   the HPA's namespace (default: the kubeconfig context's, else "default")
          --kubeconfig FILE    default: $KUBECONFIG, else ~/.kube/config
          --context NAME       a context of the kubeconfig other than the current one
          --version            print the version and exit

        Exit status: 0 when every metric is served and the HPA can scale, 3 when it shows a problem, 1 when the HPA
        cannot be read, 2 for a usage error. kubectl's built-in "autoscale" command shadows plugins of that name, so run
        this as kubectl-autoscale, not "kubectl autoscale". docs/troubleshooting.md explains every problem it names.
        """;

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        string? hpa = null, ns = null, kubeconfig = null, context = null;
        var verb = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value(string flag)
            {
                var eq = arg.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    return arg[(eq + 1)..];
                }

                return ++i < args.Count ? args[i] : throw new ArgumentException($"flag {flag} needs a value");
            }

            if (arg is "-n" or "--namespace" || arg.StartsWith("--namespace=", StringComparison.Ordinal))
            {
                ns = Value("--namespace");
            }
            else if (arg == "--kubeconfig" || arg.StartsWith("--kubeconfig=", StringComparison.Ordinal))
            {
                kubeconfig = Value("--kubeconfig");
            }
            else if (arg == "--context" || arg.StartsWith("--context=", StringComparison.Ordinal))
            {
                context = Value("--context");
            }
            else if (arg.StartsWith('-'))
            {
                throw new ArgumentException($"unknown flag {arg}");
            }
            else if (!verb)
            {
                verb = arg == "status" ? true : throw new ArgumentException($"unknown command \"{arg}\" (the one command is status)");
            }
            else
            {
                hpa = hpa is null ? arg : throw new ArgumentException($"one HPA at a time (got \"{hpa}\" and \"{arg}\")");
            }
        }

        if (!verb || hpa is null)
        {
            throw new ArgumentException("status needs an HPA name");
        }

        return new CommandLine(hpa, ns ?? "", kubeconfig, context);
    }
}
