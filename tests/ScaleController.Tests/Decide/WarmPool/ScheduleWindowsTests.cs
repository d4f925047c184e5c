using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.WarmPool;

namespace Autoscale.ScaleController.Tests.Decide.WarmPool;

public sealed class ScheduleWindowsTests
{
    [Theory]
    // Berlin office hours Mon–Fri 08:00–18:00 (winter UTC+1, summer UTC+2).
    [InlineData("Mon,Tue,Wed,Thu,Fri", "08:00", "18:00", "Europe/Berlin", "2025-11-24T07:30:00Z", true)]  // Mon 08:30
    [InlineData("Mon,Tue,Wed,Thu,Fri", "08:00", "18:00", "Europe/Berlin", "2025-11-24T06:59:00Z", false)] // Mon 07:59
    [InlineData("Mon,Tue,Wed,Thu,Fri", "08:00", "18:00", "Europe/Berlin", "2025-11-24T17:00:00Z", false)] // Mon 18:00: end is exclusive
    [InlineData("Mon,Tue,Wed,Thu,Fri", "08:00", "18:00", "Europe/Berlin", "2025-11-29T10:00:00Z", false)] // Saturday
    [InlineData("Mon,Tue,Wed,Thu,Fri", "08:00", "18:00", "Europe/Berlin", "2025-07-07T06:30:00Z", true)]  // summer Mon 08:30
    [InlineData("Mon,Tue,Wed,Thu,Fri", "08:00", "18:00", "UTC", "2025-07-07T06:30:00Z", false)]           // same instant in UTC
    // Across midnight: Fri 22:00 → Sat 06:00 New York (UTC−5 in winter).
    [InlineData("Fri", "22:00", "06:00", "America/New_York", "2025-11-29T04:00:00Z", true)]   // Fri 23:00
    [InlineData("Fri", "22:00", "06:00", "America/New_York", "2025-11-29T08:00:00Z", true)]   // Sat 03:00
    [InlineData("Fri", "22:00", "06:00", "America/New_York", "2025-11-29T11:00:00Z", false)]  // Sat 06:00
    [InlineData("Fri", "22:00", "06:00", "America/New_York", "2025-11-28T23:00:00Z", false)]  // Fri 18:00
    [InlineData("Fri", "22:00", "06:00", "America/New_York", "2025-11-22T08:00:00Z", true)]   // the Saturday before
    [InlineData("Fri", "22:00", "06:00", "America/New_York", "2025-11-28T08:00:00Z", false)]  // Fri 03:00 belongs to Thursday
    [InlineData("Fri", "22:00", "06:00", "America/New_York", "2025-11-30T08:00:00Z", false)]  // Sun 03:00
    // Sunday night into Monday: the week wraps.
    [InlineData("Sun", "23:00", "01:00", "Asia/Tokyo", "2025-11-23T15:30:00Z", true)]          // Mon 00:30 Tokyo
    public void Windows_are_judged_in_their_time_zone(string days, string start, string end, string zone, string instant, bool active)
    {
        var schedule = new WarmPoolSchedule(
            days.Split(',').Select(d => Enum.GetValues<DayOfWeek>().Single(x => x.ToString().StartsWith(d, StringComparison.Ordinal))).ToHashSet(),
            TimeOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            TimeOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture),
            TimeZoneInfo.FindSystemTimeZoneById(zone),
            Size: 2);

        Assert.Equal(active, ScheduleWindows.IsActive(schedule, DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_largest_active_schedule_wins()
    {
        var always = new HashSet<DayOfWeek>(Enum.GetValues<DayOfWeek>());
        WarmPoolSchedule[] schedules =
        [
            new(always, new TimeOnly(0, 0), new TimeOnly(23, 59), TimeZoneInfo.Utc, 1),
            new(always, new TimeOnly(11, 0), new TimeOnly(13, 0), TimeZoneInfo.Utc, 3),
            new(always, new TimeOnly(20, 0), new TimeOnly(21, 0), TimeZoneInfo.Utc, 5),
        ];

        Assert.Equal((3, 1), ScheduleWindows.Active(schedules, Fixtures.Now));
    }
}
