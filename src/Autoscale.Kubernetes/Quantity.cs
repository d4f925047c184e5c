namespace Autoscale.Kubernetes;

/// <summary>
/// Kubernetes resource quantities as the metrics APIs emit and the HPA reads them.
/// Values are produced like upstream adapters do: <c>resource.NewMilliQuantity(int64(v*1000), DecimalSI)</c>,
/// i.e. truncated to milli-units and printed in canonical DecimalSI form ("1500m", "2", "2k", "1M").
/// </summary>
public static class Quantity
{
    /// <summary>Canonical DecimalSI text of <paramref name="value"/> at milli precision. NaN and ±Inf throw.</summary>
    public static string FormatMilli(double value) => throw new NotImplementedException();

    /// <summary>Writes the canonical text as UTF-8; false for NaN/±Inf (never emitted) or a too small buffer.</summary>
    public static bool TryFormatMilli(double value, Span<byte> utf8Destination, out int bytesWritten) => throw new NotImplementedException();

    /// <summary>Canonical DecimalSI text of an exact milli-unit count.</summary>
    public static string FormatMilliValue(long milli) => throw new NotImplementedException();

    /// <summary>Parses any Kubernetes quantity ("1500m", "2k", "1Gi", "1e3", "0.5") into milli-units, saturating at long's range.</summary>
    public static bool TryParseMilli(string text, out long milli) => throw new NotImplementedException();
}
