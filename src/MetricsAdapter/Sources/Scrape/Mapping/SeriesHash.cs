namespace Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

/// <summary>
/// A 64-bit identity of a sample's series (family, suffix, label set in any order) to find duplicates on a page
/// without allocating. Not collision-resistant: a hostile exporter could only make its own samples count as
/// duplicates, and by chance a collision among a page's few thousand series is about 1 in 10^12.
/// </summary>
internal static class SeriesHash
{
    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    /// <summary>One label; combine labels with <c>+</c> so their order does not matter.</summary>
    public static ulong Label(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        ulong hash = FnvOffset;
        foreach (byte b in name)
        {
            hash = (hash ^ b) * FnvPrime;
        }

        hash = (hash ^ 0xFF) * FnvPrime; // '=' cannot be in a name: "a"+"bc" differs from "ab"+"c"
        foreach (byte b in value)
        {
            hash = (hash ^ b) * FnvPrime;
        }

        return Mix(hash);
    }

    public static ulong Series(ulong labels, int family, int suffix) => Mix(labels ^ Mix(((ulong)(uint)family << 8) | (uint)suffix));

    // splitmix64's finaliser: spreads FNV's weak low bits so that sums of label hashes stay distinct.
    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }
}
