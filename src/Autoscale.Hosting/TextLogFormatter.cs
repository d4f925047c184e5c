using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

using Microsoft.Extensions.Logging;

namespace Autoscale.Hosting;

/// <summary>
/// One line per entry: <c>2026-12-07T05:41:00.123Z info Category: message</c>. ISO-8601 UTC with milliseconds, as
/// log stores parse it; no numeric event id (the SimpleConsole formatter always prints one, e.g. <c>[1280267637]</c>,
/// which means nothing to an operator). An exception follows on the same line so a line is an entry.
/// </summary>
public sealed class TextLogFormatter(TimeProvider time) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "autoscale-text";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        textWriter.Write(time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        textWriter.Write(' ');
        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(' ');
        textWriter.Write(logEntry.Category);
        textWriter.Write(": ");
        textWriter.Write(OneLine(message ?? ""));
        if (logEntry.Exception is { } exception)
        {
            textWriter.Write(' ');
            textWriter.Write(OneLine(exception.ToString()));
        }

        textWriter.Write('\n');
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
