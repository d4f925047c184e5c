using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;

using Microsoft.Extensions.Logging;

namespace Autoscale.Hosting;

/// <summary>The console log both ways <c>--log-format</c> asks for, at the <c>--log-level</c> asked for.</summary>
public static class ConsoleLogging
{
    /// <summary>ISO-8601 UTC with milliseconds, the same in text and JSON.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static ILoggingBuilder AddAutoscaleConsole(this ILoggingBuilder logging, LogSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(settings);
        logging.SetMinimumLevel(settings.Level);
        // ASP.NET Core's per-request lines would drown the rest; they show only when debugging.
        logging.AddFilter("Microsoft.AspNetCore", settings.Level <= LogLevel.Debug ? settings.Level : LogLevel.Warning);
        if (settings.Json)
        {
            // The built-in JsonConsole formatter: one object per line (Timestamp, EventId, LogLevel, Category, Message, State).
            logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = TimestampFormat;
                o.JsonWriterOptions = new JsonWriterOptions { Indented = false };
            });
        }
        else
        {
            logging.Services.AddSingleton<ConsoleFormatter>(new TextLogFormatter(time));
            logging.AddConsole(o => o.FormatterName = TextLogFormatter.FormatterName);
        }

        return logging;
    }
}
