using System.Globalization;

namespace Autoscale.LoadTest.Adapter;

/// <summary>
/// Another process's CPU time and resident memory from <c>/proc/PID/stat</c> and <c>/proc/PID/status</c>, read from
/// outside so that measuring costs the measured process nothing.
/// </summary>
internal static class ProcStat
{
    /// <summary>USER_HZ, the unit of utime and stime: 100 on every Linux architecture .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>User + system CPU seconds so far, all threads.</summary>
    public static double CpuSeconds(int pid) => ParseCpuSeconds(File.ReadAllText($"/proc/{pid}/stat"));

    /// <summary>Resident set size (VmRSS) in bytes.</summary>
    public static long ResidentBytes(int pid) => ParseResidentBytes(File.ReadAllLines($"/proc/{pid}/status"));

    public static double ParseCpuSeconds(string stat)
    {
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / TicksPerSecond;
    }

    public static long ParseResidentBytes(IEnumerable<string> status)
    {
        foreach (var line in status)
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new FormatException("no VmRSS line in /proc/PID/status");
    }
}
