using System.Diagnostics;

namespace Autoscale.LoadTest.Adapter;

/// <summary>
/// This program started again in a child role (<c>adapter cluster</c>, <c>adapter serve-bench</c>), optionally pinned
/// to CPUs with <c>taskset -c</c> (inherited by every thread, and seen by the runtime as its processor count). The
/// child writes handshake lines on stdout up to a line <c>ready</c>; the parent may then send request lines on
/// stdin; closing stdin stops the child.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process, IReadOnlyList<string> handshake)
    {
        _process = process;
        Handshake = handshake;
    }

    /// <summary>The lines before <c>ready</c>.</summary>
    public IReadOnlyList<string> Handshake { get; }

    public static async Task<ChildProcess> StartAsync(IReadOnlyList<string> args, string? cpus, TimeSpan timeout)
    {
        var start = StartInfo(args, cpus);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var lines = new List<string>();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cts.Token).ConfigureAwait(false) is { } line)
            {
                if (line == "ready")
                {
                    return new ChildProcess(process, lines);
                }

                lines.Add(line);
            }
        }
        catch (OperationCanceledException)
        {
        }

        process.Kill(entireProcessTree: true);
        process.Dispose();
        throw new InvalidOperationException($"'{string.Join(' ', args)}' did not report ready within {timeout.TotalSeconds:0} s; it said: {string.Join(" | ", lines)}");
    }

    /// <summary>How to start this program again: its apphost, or <c>dotnet</c> with its dll (under a test host).</summary>
    public static ProcessStartInfo StartInfo(IReadOnlyList<string> args, string? cpus)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Autoscale.LoadTest.dll");
        var apphost = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "Autoscale.LoadTest.exe" : "Autoscale.LoadTest");
        var command = new List<string>();
        if (cpus is not null)
        {
            command.AddRange(["taskset", "-c", cpus]);
        }

        if (File.Exists(apphost))
        {
            command.Add(apphost);
        }
        else
        {
            command.AddRange([DotnetHost(), dll]);
        }

        command.AddRange(args);
        var start = new ProcessStartInfo(command[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
        };
        foreach (var arg in command.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>Sends one request line and returns the child's one-line answer.</summary>
    public async Task<string> AskAsync(string request, TimeSpan timeout)
    {
        await _process.StandardInput.WriteLineAsync(request).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
        using var cts = new CancellationTokenSource(timeout);
        return await _process.StandardOutput.ReadLineAsync(cts.Token).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"the child closed its output instead of answering '{request}'");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        // shared/Microsoft.NETCore.App/<version>/ → the dotnet root.
        var root = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }
}
