using System.Diagnostics;

namespace Autoscale.MetricsAdapter.Tests.Support;

/// <summary>Finds and runs the real command-line tools the tests use (installed by scripts/install-test-deps.sh).</summary>
internal static class Tools
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>kubectl from PATH, else the one the install script unpacked into .tools/bin.</summary>
    public static string Kubectl() => Find("kubectl");

    public static string Find(string name)
    {
        var local = Path.Combine(RepoRoot, ".tools", "bin", name);
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append(Path.GetDirectoryName(local)!))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{name} is not installed: run scripts/install-test-deps.sh");
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string file, IEnumerable<string> args, string? home = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (home is not null)
        {
            start.Environment["HOME"] = home;
            start.Environment["KUBECACHEDIR"] = Path.Combine(home, "cache");
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Autoscale.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("Autoscale.sln not found above " + AppContext.BaseDirectory);
    }
}
