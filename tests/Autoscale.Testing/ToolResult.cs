namespace Autoscale.Testing;

/// <summary>How a tool run ended: its exit code and everything it printed.</summary>
public sealed record ToolResult(int ExitCode, string Stdout, string Stderr)
{
    public string OrThrow(string what) =>
        ExitCode == 0 ? Stdout : throw new InvalidOperationException($"{what} failed ({ExitCode}):\n{Stderr}\n{Stdout}");
}
