namespace Autoscale.LoadTest.Adapter;

/// <summary>
/// The parsed <c>adapter</c> command line. <see cref="Modes"/>: <c>table</c> (pods × HPAs, each HPA querying its slice
/// every 15 s), <c>stress</c> (closed loop, <see cref="RigOptions.Connections"/> keep-alive connections), <c>rate</c>
/// (open loop at <see cref="Rate"/> queries/s, each selecting <see cref="RatePods"/> pods) and <c>cost</c> (idle and
/// loaded CPU and memory at 100 and 1,000 pods).
/// </summary>
internal sealed record AdapterLoadOptions(
    IReadOnlyList<string> Modes,
    IReadOnlyList<int> Pods,
    IReadOnlyList<int> Hpas,
    double CellSeconds,
    double StressSeconds,
    double Rate,
    int RatePods,
    double RateSeconds,
    int Repeat,
    double WarmupSeconds,
    RigOptions Rig,
    string? Json);

/// <summary>
/// How the processes are set up: the adapter's scrape interval, the client's connections, and the CPUs the adapter
/// and cluster children are pinned to (<c>taskset -c</c> lists; null: not pinned).
/// </summary>
internal sealed record RigOptions(TimeSpan ScrapeInterval, int Connections, string? AdapterCpus, string? ClusterCpus);

/// <summary><c>adapter cluster</c>: N emulated pods labelled for each layout; static: frozen clock, fixed queues.</summary>
internal sealed record ClusterOptions(int Pods, IReadOnlyList<int> Layouts, bool Static);

/// <summary><c>adapter serve-bench</c>: the cluster's API, the PKI folder and the scrape interval.</summary>
internal sealed record ServeBenchOptions(Uri Api, string PkiDirectory, TimeSpan ScrapeInterval);
