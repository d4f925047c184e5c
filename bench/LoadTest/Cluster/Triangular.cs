namespace Autoscale.LoadTest.Cluster;

/// <summary>
/// A triangular distribution in seconds: bounded like the published ranges (min, typical, worst seen) and cheap
/// to sample. A zero-width one (min = mode = max) is a fixed delay.
/// </summary>
internal sealed record Triangular(double Min, double Mode, double Max)
{
    public static Triangular Fixed(double seconds) => new(seconds, seconds, seconds);

    public double Sample(Random random)
    {
        if (Max <= Min)
        {
            return Min;
        }

        var u = random.NextDouble();
        var split = (Mode - Min) / (Max - Min);
        return u < split
            ? Min + Math.Sqrt(u * (Max - Min) * (Mode - Min))
            : Max - Math.Sqrt((1 - u) * (Max - Min) * (Max - Mode));
    }

    public double Mean => (Min + Mode + Max) / 3;
}
