using System.Diagnostics;

namespace Autoscale.Testing;

/// <summary>
/// Finds and runs the real command-line tools the tests use (kubectl, prometheus, promtool, helm, node, bash, the
/// programs themselves), installed by scripts/install-test-deps.sh; never a mock, and never without a time limit.
/// </summary>
public static class Tool
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The dotnet host running the tests, to run a built program's dll.</summary>
    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    /// <summary>Where scripts/install-test-deps.sh unpacks the tools that Debian's packages do not bring.</summary>
    public static string LocalBin => Repo.Path(".tools", "bin");

    /// <summary>The tool from PATH, else from <see cref="LocalBin"/>; throws when it is in neither.</summary>
    public static string Find(string name) =>
        TryFind(name) ?? throw new FileNotFoundException($"{name} is not installed: run scripts/install-test-deps.sh");

    public static string? TryFind(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append(LocalBin)
            .Where(dir => dir.Length > 0)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    /// <summary>An environment that keeps a tool's home (kubectl's config and discovery cache) in <paramref name="directory"/>.</summary>
    public static IReadOnlyDictionary<string, string> HomeIn(string directory) =>
        new Dictionary<string, string> { ["HOME"] = directory, ["KUBECACHEDIR"] = Path.Combine(directory, "cache") };

    /// <summary>
    /// Runs <paramref name="file"/> (in the repository root unless told otherwise) to its end (killed, with a <see cref="TimeoutException"/> carrying what it printed,
    /// past <paramref name="timeout"/>), feeding <paramref name="stdin"/> when given.
    /// </summary>
    public static async Task<ToolResult> RunAsync(
        string file,
        IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null,
        string? stdin = null,
        string? workingDirectory = null,
        TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Repo.Root,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + file);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        var limit = timeout ?? DefaultTimeout;
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} took longer than {limit.TotalSeconds:0} s:\n{await stdout}{await stderr}");
        }

        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// A program built next to the tests (<paramref name="dll"/> in the test binaries' folder) run as an operator runs
    /// it, in that folder; killed past <paramref name="timeout"/>, which only a regression reaches.
    /// </summary>
    public static Task<ToolResult> RunProgramAsync(string dll, IEnumerable<string> args, TimeSpan? timeout = null) =>
        RunAsync(DotnetHost, [Path.Combine(AppContext.BaseDirectory, dll), .. args], workingDirectory: AppContext.BaseDirectory, timeout: timeout ?? TimeSpan.FromSeconds(60));

    /// <summary>The same, blocking, for callers that are not async (tests reading a rendered manifest, say).</summary>
    public static ToolResult Run(
        string file,
        IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null,
        string? stdin = null,
        string? workingDirectory = null,
        TimeSpan? timeout = null) =>
        Task.Run(() => RunAsync(file, args, environment, stdin, workingDirectory, timeout)).GetAwaiter().GetResult();
}
