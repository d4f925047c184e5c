using System.Globalization;

namespace Autoscale.LoadTest.Simulation;

/// <summary>
/// One line per policy on the progress stream: how fast the simulator ran it. Process CPU time is the figure that
/// holds on a shared machine (wall time there includes waiting for a core); both are printed.
/// </summary>
internal static class SimulatorSpeed
{
    public static void Report(TextWriter? output, string policy, int requests, TimeSpan cpu, TimeSpan wall) =>
        output?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{policy,-14} simulated {requests:N0} requests in {cpu.TotalSeconds:0.00} s CPU ({requests / Math.Max(cpu.TotalSeconds, 1e-3):N0} req/s), {wall.TotalSeconds:0.00} s wall"));
}
