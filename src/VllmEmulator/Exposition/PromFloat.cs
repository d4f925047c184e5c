using System.Globalization;

namespace Autoscale.VllmEmulator.Exposition;

/// <summary>
/// Formats numbers the way vLLM's pages show them: Python prometheus_client's <c>floatToGoString</c>, i.e. Python
/// <c>repr</c> ("8.0", "0.8125") switched to Go-style exponents for large values ("1.5e+06").
/// </summary>
internal static class PromFloat
{
    public static string Format(double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            return "+Inf";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-Inf";
        }

        if (double.IsNaN(value))
        {
            return "NaN";
        }

        var repr = PythonRepr(value);
        var dot = repr.IndexOf('.', StringComparison.Ordinal);
        if (value > 0 && dot > 6)
        {
            var digits = string.Concat(repr.AsSpan(1, dot - 1), repr.AsSpan(dot + 1)).TrimEnd('0');
            var mantissa = (repr[0] + "." + digits).TrimEnd('.');
            return mantissa + "e+" + (dot - 1).ToString("00", CultureInfo.InvariantCulture);
        }

        return repr;
    }

    private static string PythonRepr(double value)
    {
        // Python prints integral floats below 1e16 with ".0" and switches to exponent form from 1e16 up.
        if (Math.Abs(value) < 1e16 && value == Math.Floor(value))
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture) + ".0";
        }

        var r = value.ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return r;
        }

        var exponent = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var sign = exponent < 0 ? "-" : "+";
        return r[..e] + "e" + sign + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }
}
