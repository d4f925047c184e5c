using System.Diagnostics;
using System.Globalization;

namespace Autoscale.ScrapeBench;

/// <summary>The emulated pods in a child process (this program's <c>pods</c> command): their names and ports.</summary>
internal sealed class ChildFleet : IAsyncDisposable
{
    private readonly Process _process;

    private ChildFleet(Process process, IReadOnlyList<(string Name, int Port)> pods)
    {
        _process = process;
        Pods = pods;
    }

    public IReadOnlyList<(string Name, int Port)> Pods { get; }

    public Process Process => _process;

    public static async Task<ChildFleet> StartAsync(int count, TimeSpan timeout)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo(self)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
        };
        if (string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Autoscale.ScrapeBench.dll"));
        }

        foreach (var arg in new[] { "pods", "--count", count.ToString(CultureInfo.InvariantCulture), "--namespace", PodsCommand.Namespace })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("the pods process did not start");
        var pods = new List<(string, int)>(count);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
            {
                if (line == "ready")
                {
                    return new ChildFleet(process, pods);
                }

                var parts = line.Split(' ');
                if (parts is ["pod", var name, var port])
                {
                    pods.Add((name, int.Parse(port, CultureInfo.InvariantCulture)));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"the pods process did not report ready within {timeout.TotalSeconds:0} s");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
