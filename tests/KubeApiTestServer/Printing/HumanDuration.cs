using System.Globalization;

namespace Autoscale.Testing.KubeApi.Printing;

/// <summary>apimachinery's duration.HumanDuration: the AGE column's "63s", "4m12s", "3h", "2d5h".</summary>
internal static class HumanDuration
{
    public static string Format(TimeSpan d)
    {
        static string I(double v) => ((long)v).ToString(CultureInfo.InvariantCulture);
        if (d.TotalSeconds < -1)
        {
            return "<invalid>";
        }

        if (d.TotalSeconds < 0)
        {
            return "0s";
        }

        if (d.TotalSeconds < 60 * 2)
        {
            return I(d.TotalSeconds) + "s";
        }

        var minutes = (long)d.TotalMinutes;
        if (minutes < 10)
        {
            var s = (long)d.TotalSeconds % 60;
            return s == 0 ? $"{minutes}m" : $"{minutes}m{s}s";
        }

        if (minutes < 60 * 3)
        {
            return $"{minutes}m";
        }

        var hours = (long)d.TotalHours;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? $"{hours}h" : $"{hours}h{m}m";
        }

        if (hours < 48)
        {
            return $"{hours}h";
        }

        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? $"{hours / 24}d" : $"{hours / 24}d{h}h";
        }

        return $"{hours / 24}d";
    }
}
