using System.Globalization;
using Autoscale.Kubernetes.Yaml;

namespace Autoscale.ScaleController.Config;

/// <summary>Reads one warm-pool schedule: <c>days</c> (Mon…Sun), <c>start</c>/<c>end</c> (HH:mm), IANA <c>timeZone</c>, <c>size</c>.</summary>
internal static class ScheduleReader
{
    public static WarmPoolSchedule? Read(YamlMap map)
    {
        map.RejectUnknownKeys("days", "start", "end", "timeZone", "size");
        var complete = map.Require("days") & map.Require("start") & map.Require("end") & map.Require("size");
        var days = Days(map);
        var start = Time(map, "start");
        var end = Time(map, "end");
        var zone = Zone(map);
        var size = map.Int("size", 0, 0, 1000);
        if (start is { } s && end is { } e && s == e)
        {
            map.Errors.Add(map.Child("end"), $"\"{e:HH\\:mm}\" equals start: the window would be empty");
            return null;
        }

        return complete && days is not null && start is not null && end is not null && zone is not null
            ? new WarmPoolSchedule(days, start.Value, end.Value, zone, size)
            : null;
    }

    private static HashSet<DayOfWeek>? Days(YamlMap map)
    {
        var items = map.Sequence("days");
        if (items is null)
        {
            return null;
        }

        var days = new HashSet<DayOfWeek>();
        var valid = items.Count > 0;
        if (!valid)
        {
            map.Errors.Add(map.Child("days"), "must list at least one day");
        }

        foreach (var (node, _) in items)
        {
            var text = (node as YamlDotNet.RepresentationModel.YamlScalarNode)?.Value ?? "";
            if (Parse(text) is not { } day)
            {
                map.Errors.Add(map.Child("days"), $"\"{text}\" is not a day of the week (Mon, Tue, Wed, Thu, Fri, Sat, Sun)");
                valid = false;
                continue;
            }

            days.Add(day);
        }

        return valid ? days : null;
    }

    // "Mon" or "Monday", any case.
    private static DayOfWeek? Parse(string text)
    {
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            var name = day.ToString();
            if (text.Equals(name, StringComparison.OrdinalIgnoreCase) || text.Equals(name[..3], StringComparison.OrdinalIgnoreCase))
            {
                return day;
            }
        }

        return null;
    }

    private static TimeOnly? Time(YamlMap map, string key)
    {
        var text = map.Scalar(key);
        if (text is null)
        {
            return null;
        }

        if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        map.Errors.Add(map.Child(key), $"\"{text}\" is not a time of day (HH:mm, 00:00…23:59)");
        return null;
    }

    private static TimeZoneInfo? Zone(YamlMap map)
    {
        var id = map.String("timeZone", "UTC");
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        // An id naming a directory of the zone database ("America") throws SecurityException, found by the config
        // fuzz test; every way the lookup fails is the same mistake in the file.
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or System.Security.SecurityException
            or IOException or UnauthorizedAccessException or ArgumentException)
        {
            map.Errors.Add(map.Child("timeZone"), $"\"{id}\" is not a known IANA time zone (e.g. Europe/Berlin, UTC)");
            return null;
        }
    }
}
