using Autoscale.Hosting.Flags;

namespace Autoscale.Kubectl;

/// <summary><c>kubectl-autoscale status HPA [-n NS] [--kubeconfig FILE] [--context NAME]</c>.</summary>
internal sealed record CommandLine(string Hpa, string Namespace, string? Kubeconfig, string? Context)
{
    private static readonly FlagSet Flags = new FlagSet()
        .Value("namespace", "NS", "the HPA's namespace (default: the kubeconfig context's, else \"default\")")
        .Alias("-n", "namespace")
        .Value("kubeconfig", "FILE", "default: $KUBECONFIG, else ~/.kube/config")
        .Value("context", "NAME", "a context of the kubeconfig other than the current one")
        .Bool("version", "print the version and exit");

    public static string Usage { get; } = """
        Usage: kubectl-autoscale status HPA [-n NAMESPACE] [--kubeconfig FILE] [--context NAME]

        For one HorizontalPodAutoscaler: what custom.metrics.k8s.io serves for each of its metrics (values, sample ages,
        the selected pods left out and why), the APIService behind it, the HPA's conditions, and the scale controller's
        last decision and its reasons (Events and annotations). Reads only.


        """ + Flags.Help() + """


        Exit status: 0 when every metric is served and the HPA can scale, 3 when it shows a problem, 1 when the HPA
        cannot be read, 2 for a usage error. kubectl's built-in "autoscale" command shadows plugins of that name, so run
        this as kubectl-autoscale, not "kubectl autoscale". docs/troubleshooting.md explains every problem it names.
        """;

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var parsed = Flags.Parse(args, operands: true);
        switch (parsed.Operands)
        {
            case []:
                throw new FlagException("status needs an HPA name");
            case [not "status", ..]:
                throw new FlagException($"unknown command \"{parsed.Operands[0]}\" (the one command is status)");
            case ["status"]:
                throw new FlagException("status needs an HPA name");
            case ["status", _, _, ..]:
                throw new FlagException($"one HPA at a time (got \"{parsed.Operands[1]}\" and \"{parsed.Operands[2]}\")");
        }

        return new CommandLine(parsed.Operands[1], parsed.Get("namespace") ?? "", parsed.Get("kubeconfig"), parsed.Get("context"));
    }
}
