using System.Diagnostics;

namespace Autoscale.Demo.Tests;

/// <summary>The real kubectl (installed by the test command); missing, it fails the test rather than skip it.</summary>
internal static class Kubectl
{
    public static string Path()
    {
        var root = RepoRoot();
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator).Append(System.IO.Path.Combine(root, ".tools", "bin")))
        {
            var candidate = System.IO.Path.Combine(dir, "kubectl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("kubectl is not installed: run ./test.sh (scripts/install-test-deps.sh installs it)");
    }

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string home, params string[] args) => RunFileAsync(Path(), home, args);

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunFileAsync(string file, string home, IEnumerable<string> args, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory ?? home };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // kubectl caches discovery under $HOME; one per test run, so ports never collide.
        start.Environment["HOME"] = home;
        start.Environment["KUBECACHEDIR"] = System.IO.Path.Combine(home, "kube-cache");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Autoscale.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("Autoscale.sln not found above " + AppContext.BaseDirectory);
    }
}
