namespace Autoscale.LoadTest.Adapter;

/// <summary>
/// The parsed <c>adapter</c> command line. <see cref="Modes"/>: <c>table</c> (pods × HPAs, each HPA querying its slice
/// every 15 s), <c>stress</c> (closed loop, <see cref="Connections"/> keep-alive connections), <c>rate</c> (open loop at
/// <see cref="Rate"/> queries/s, each selecting <see cref="RatePods"/> pods) and <c>cost</c> (idle and loaded
/// CPU and memory at 100 and 1,000 pods).
/// </summary>
internal sealed record AdapterLoadOptions(
    IReadOnlyList<string> Modes,
    IReadOnlyList<int> Pods,
    IReadOnlyList<int> Hpas,
    double CellSeconds,
    int Connections,
    double StressSeconds,
    double Rate,
    int RatePods,
    double RateSeconds,
    string? Json);
