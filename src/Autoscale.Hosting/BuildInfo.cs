using System.Reflection;

namespace Autoscale.Hosting;

/// <summary>
/// What this binary is, read from its assembly: <c>&lt;Version&gt;</c> from Directory.Build.props and the commit the
/// build appended to InformationalVersion (<c>0.1.0+abc1234</c>); <c>unknown</c> when the build had no git.
/// Each program reads its own assembly (<c>ThisBuild.Current</c> in its Hosting folder); the load test reads its own.
/// </summary>
public sealed record BuildInfo(string Product, string Version, string Commit, string Runtime)
{
    /// <summary>The <c>--version</c> line, e.g. <c>Autoscale.MetricsAdapter 0.1.0 (commit abc1234)</c>.</summary>
    public string Line => $"{Product} {Version} (commit {Commit})";

    public static BuildInfo Of(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return Parse(
            assembly.GetName().Name ?? "unknown",
            assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString(3) ?? "0.0.0",
            Environment.Version.ToString());
    }

    /// <summary>Splits an InformationalVersion <c>VERSION[+COMMIT]</c>; no commit reads as <c>unknown</c>.</summary>
    public static BuildInfo Parse(string product, string informational, string runtime)
    {
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var version = plus < 0 ? informational : informational[..plus];
        var commit = plus < 0 || plus == informational.Length - 1 ? "unknown" : informational[(plus + 1)..];
        return new BuildInfo(product, version, commit, runtime);
    }
}
