using System.Globalization;

namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>The planner annotations' timestamps: RFC 3339 UTC with milliseconds (<c>2026-12-07T06:30:00.000Z</c>).</summary>
internal static class PlannerTime
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string Format(DateTimeOffset at) => at.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    public static DateTimeOffset? Parse(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
}
