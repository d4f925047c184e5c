using System.Diagnostics;

namespace Autoscale.LoadTest.Adapter;

/// <summary>
/// What the adapter process did over one measurement: CPU (Δ utime+stime / wall time, in cores) and RSS from
/// /proc/PID, the live heap after a full GC and its own request-duration histogram, both asked of the child. The load
/// generator runs in another process, so none of its TLS, HTTP or GC work is counted.
/// </summary>
internal sealed class ResourceMeter
{
    private readonly BenchRig _rig;
    private readonly ServerLatency _server;
    private readonly double _cpu;
    private readonly Stopwatch _wall = Stopwatch.StartNew();

    private ResourceMeter(BenchRig rig, ServerLatency server)
    {
        _rig = rig;
        _server = server;
        _cpu = ProcStat.CpuSeconds(rig.AdapterPid);
    }

    public static async Task<ResourceMeter> StartAsync(BenchRig rig) => new(rig, await rig.ServerLatencyAsync().ConfigureAwait(false));

    public async Task<(double CpuCores, double ResidentMb, double HeapMb, ServerLatency Server)> StopAsync()
    {
        var cpu = ProcStat.CpuSeconds(_rig.AdapterPid) - _cpu;
        var wall = _wall.Elapsed.TotalSeconds;
        var resident = ProcStat.ResidentBytes(_rig.AdapterPid) / 1048576.0;
        var server = (await _rig.ServerLatencyAsync().ConfigureAwait(false)).Since(_server);
        var heap = await _rig.HeapBytesAsync().ConfigureAwait(false) / 1048576.0;
        return (cpu / wall, resident, heap, server);
    }
}
