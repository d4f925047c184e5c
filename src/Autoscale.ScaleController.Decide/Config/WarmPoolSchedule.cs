namespace Autoscale.ScaleController.Config;

/// <summary>
/// A recurring window in a time zone during which at least <paramref name="Size"/> placeholders are kept.
/// <paramref name="Start"/> after <paramref name="End"/> means the window crosses midnight; it then belongs to the
/// day it starts on (Fri 22:00–06:00 covers Saturday 03:00).
/// </summary>
public sealed record WarmPoolSchedule(IReadOnlySet<DayOfWeek> Days, TimeOnly Start, TimeOnly End, TimeZoneInfo TimeZone, int Size);
