using System.Globalization;
using Autoscale.Hosting.Flags;
using Microsoft.Extensions.Logging;

namespace Autoscale.Hosting;

/// <summary><c>--log-format</c> (text or json) and <c>--log-level</c> / <c>--v</c>.</summary>
public sealed record LogSettings(bool Json, LogLevel Level)
{
    public static LogSettings Default { get; } = new(Json: false, LogLevel.Information);

    /// <summary>The logging flags every program takes (and <c>--version</c>), declared once for their help.</summary>
    public static FlagSet Declare(FlagSet flags) => flags
        .Value("log-format", "FORMAT", "text (default: one line per entry, ISO-8601 UTC time) | json (one\nobject per line)")
        .Value("log-level", "LEVEL", "trace | debug | info (default) | warning | error")
        .Value("v", "N", "klog-style verbosity: 4 = debug, 5 or more = trace")
        .Bool("version", "print the version and commit, and exit");

    /// <summary>These settings with one of the flags <see cref="Declare"/> declares applied; null for any other flag.</summary>
    public LogSettings? With(string name, string value) => name switch
    {
        "log-format" => this with { Json = ParseJson(value) },
        "log-level" => this with { Level = ParseLevel(value) },
        "v" => this with { Level = ParseVerbosity(value) },
        _ => null,
    };

    /// <summary><c>text</c> or <c>json</c>.</summary>
    public static bool ParseJson(string value) => value switch
    {
        "text" => false,
        "json" => true,
        _ => throw new ArgumentException($"flag --log-format: \"{value}\" is not one of text, json"),
    };

    /// <summary>trace, debug, info, warning, error (and the .NET names: information, warn, critical).</summary>
    public static LogLevel ParseLevel(string value) => value.ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" or "information" => LogLevel.Information,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "critical" => LogLevel.Critical,
        _ => throw new ArgumentException($"flag --log-level: \"{value}\" is not one of trace, debug, info, warning, error"),
    };

    /// <summary>klog's <c>--v</c>, as kube components read it: up to 3 the default detail, 4 debug, 5 and more trace.</summary>
    public static LogLevel ParseVerbosity(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v >= 5 ? LogLevel.Trace : v >= 4 ? LogLevel.Debug : LogLevel.Information
            : throw new ArgumentException($"flag --v: \"{value}\" is not a verbosity (0-10)");
}
