namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>
/// The standard normal quantile, by Acklam's rational approximation (relative error below 1.15e-9), and its upper
/// tail by the complementary error function (Numerical Recipes' erfc, relative error below 1.2e-7), so the planner
/// needs no statistics package for two functions.
/// </summary>
internal static class StandardNormal
{
    private static readonly double[] A = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
    private static readonly double[] B = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
    private static readonly double[] C = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
    private static readonly double[] ErfcFit = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
    private static readonly double[] D = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];

    public static double Quantile(double p)
    {
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "a probability strictly between 0 and 1");
        }

        const double low = 0.02425;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return Tail(q);
        }

        if (p > 1 - low)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -Tail(q);
        }

        var r = p - 0.5;
        var s = r * r;
        return (((((((A[0] * s) + A[1]) * s) + A[2]) * s + A[3]) * s + A[4]) * s + A[5]) * r
            / (((((((B[0] * s) + B[1]) * s) + B[2]) * s + B[3]) * s + B[4]) * s + 1);
    }

    /// <summary>P(Z &gt; x) for a standard normal Z.</summary>
    public static double UpperTail(double x)
    {
        // erfc(z) with z = x / √2, by the Chebyshev fit of Numerical Recipes (erfcc): t·exp(−z² + poly(t)).
        var z = Math.Abs(x) / Math.Sqrt(2);
        var t = 1 / (1 + (0.5 * z));
        var poly = 0.0;
        for (var i = ErfcFit.Length - 1; i >= 0; i--)
        {
            poly = (poly * t) + ErfcFit[i];
        }

        var erfc = t * Math.Exp((-z * z) + poly);
        return x >= 0 ? erfc / 2 : 1 - (erfc / 2);
    }

    private static double Tail(double q) =>
        (((((((C[0] * q) + C[1]) * q) + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
        / ((((((D[0] * q) + D[1]) * q) + D[2]) * q + D[3]) * q + 1);
}
