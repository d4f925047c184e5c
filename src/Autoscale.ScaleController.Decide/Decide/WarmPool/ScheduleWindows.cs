using Autoscale.ScaleController.Config;

namespace Autoscale.ScaleController.Decide.WarmPool;

/// <summary>Which schedules are active at an instant, each judged in its own time zone.</summary>
internal static class ScheduleWindows
{
    /// <summary>The largest size among active schedules, and the index of the one that gave it (-1 if none).</summary>
    public static (int Size, int Index) Active(IReadOnlyList<WarmPoolSchedule> schedules, DateTimeOffset now)
    {
        var (size, index) = (0, -1);
        for (var i = 0; i < schedules.Count; i++)
        {
            if (IsActive(schedules[i], now) && (index < 0 || schedules[i].Size > size))
            {
                (size, index) = (schedules[i].Size, i);
            }
        }

        return (size, index);
    }

    public static bool IsActive(WarmPoolSchedule schedule, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, schedule.TimeZone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var day = local.DayOfWeek;
        if (schedule.Start < schedule.End)
        {
            return schedule.Days.Contains(day) && time >= schedule.Start && time < schedule.End;
        }

        // Across midnight: the evening part belongs to a listed day, the morning part to the day after one.
        var yesterday = (DayOfWeek)(((int)day + 6) % 7);
        return (schedule.Days.Contains(day) && time >= schedule.Start)
            || (schedule.Days.Contains(yesterday) && time < schedule.End);
    }
}
