namespace Autoscale.VllmEmulator.Server;

/// <summary>An Azure LLM trace line that cannot be read: which line (1 = the header) and what is wrong with it.</summary>
public sealed class AzureTraceFormatException(int line, string problem)
    : FormatException($"line {line}: {problem}")
{
    public int Line { get; } = line;

    public string Problem { get; } = problem;
}
