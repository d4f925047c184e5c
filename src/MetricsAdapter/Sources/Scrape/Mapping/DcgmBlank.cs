namespace Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

/// <summary>
/// dcgm-exporter prints DCGM's "blank" sentinels as values when a field has no data: <c>DCGM_INT32_BLANK</c>
/// (0x7ffffff0), <c>DCGM_INT64_BLANK</c> (0x7ffffffffffffff0, printed e.g. as 9223372036854775794) and
/// <c>DCGM_FP64_BLANK</c> (2^47), each followed by three more codes (not found, not supported, no permission).
/// They are not measurements and are dropped.
/// </summary>
internal static class DcgmBlank
{
    private const double Int32Blank = 0x7ffffff0;
    private const double Fp64Blank = 140737488355328.0;

    // Every INT64 code is above 2^63 - 16, which a double cannot tell apart from 2^63.
    private const double Int64Blank = 9.2233720368547758e18;

    public static bool IsBlank(double value) =>
        (value >= Int32Blank && value <= Int32Blank + 3)
        || (value >= Fp64Blank && value <= Fp64Blank + 3)
        || value >= Int64Blank;
}
