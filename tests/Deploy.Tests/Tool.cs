using System.Diagnostics;

namespace Autoscale.Deploy.Tests;

internal sealed record ToolResult(int ExitCode, string Stdout, string Stderr)
{
    public string OrThrow(string what) =>
        ExitCode == 0 ? Stdout : throw new InvalidOperationException($"{what} failed ({ExitCode}):\n{Stderr}\n{Stdout}");
}

/// <summary>Runs a real tool (kubectl, helm, node, bash) with a time limit.</summary>
internal static class Tool
{
    public static ToolResult Run(string file, IEnumerable<string> args, string? stdin = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            WorkingDirectory = workingDirectory ?? Repo.Root,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Helm must not read or write the user's config, cache or repositories.
        var helmHome = Path.Combine(Path.GetTempPath(), "autoscale-deploy-tests-helm");
        start.Environment["HELM_CONFIG_HOME"] = Path.Combine(helmHome, "config");
        start.Environment["HELM_CACHE_HOME"] = Path.Combine(helmHome, "cache");
        start.Environment["HELM_DATA_HOME"] = Path.Combine(helmHome, "data");

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + file);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }

        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} took longer than 120 s");
        }

        return new ToolResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
