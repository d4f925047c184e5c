using System.Diagnostics;

namespace Autoscale.LoadTest.Adapter;

/// <summary>
/// The adapter process's CPU over one measurement (Δ utime+stime / wall time, in cores) from /proc/PID: the load
/// generator runs in another process, so none of its TLS, HTTP or GC work is counted.
/// </summary>
internal sealed class ResourceMeter
{
    private readonly int _pid;
    private readonly double _cpu;
    private readonly Stopwatch _wall = Stopwatch.StartNew();

    private ResourceMeter(int pid)
    {
        _pid = pid;
        _cpu = ProcStat.CpuSeconds(pid);
    }

    public static ResourceMeter Start(int pid) => new(pid);

    /// <returns>CPU cores used on average, and the resident set in MB now.</returns>
    public (double CpuCores, double ResidentMb) Stop()
    {
        var cpu = ProcStat.CpuSeconds(_pid) - _cpu;
        return (cpu / _wall.Elapsed.TotalSeconds, ProcStat.ResidentBytes(_pid) / 1048576.0);
    }
}
