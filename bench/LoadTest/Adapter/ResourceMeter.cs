using System.Diagnostics;

namespace Autoscale.LoadTest.Adapter;

/// <summary>
/// Process CPU (TotalProcessorTime delta over wall time, in cores) and memory over one measurement. The load
/// generator runs in the same process, so loaded figures include the client's TLS and HTTP work.
/// </summary>
internal sealed class ResourceMeter
{
    private readonly Process _process = Process.GetCurrentProcess();
    private readonly TimeSpan _cpu;
    private readonly Stopwatch _wall = Stopwatch.StartNew();

    private ResourceMeter() => _cpu = _process.TotalProcessorTime;

    public static ResourceMeter Start() => new();

    /// <returns>CPU cores used on average, live managed heap after a full GC (MB), working set (MB).</returns>
    public (double CpuCores, double HeapMb, double WorkingSetMb) Stop()
    {
        _process.Refresh();
        var cpu = (_process.TotalProcessorTime - _cpu).TotalSeconds / _wall.Elapsed.TotalSeconds;
        var workingSet = _process.WorkingSet64 / 1048576.0;
        var heap = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
        return (cpu, heap, workingSet);
    }
}
