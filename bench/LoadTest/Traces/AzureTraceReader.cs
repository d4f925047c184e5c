using Autoscale.VllmEmulator.Server;

namespace Autoscale.LoadTest.Traces;

/// <summary>
/// The Azure LLM inference trace 2023 CSV as a simulator <see cref="Trace"/>: rows read by the one reader of the
/// format (<see cref="AzureLlmTrace"/>), numbered in order, at least one output token each; a malformed line is a
/// <see cref="TraceFormatException"/> naming the file and the line.
/// </summary>
internal static class AzureTraceReader
{
    public static Trace Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path));
    }

    public static Trace Read(TextReader reader, string source)
    {
        IReadOnlyList<Autoscale.VllmEmulator.Server.TraceRequest> rows;
        try
        {
            rows = AzureLlmTrace.Read(reader);
        }
        catch (AzureTraceFormatException e)
        {
            throw new TraceFormatException(source, e.Line, e.Problem);
        }

        return new Trace(source, [.. rows.Select((r, i) => new TraceRequest(i, r.OffsetSeconds, r.PromptTokens, Math.Max(1, r.OutputTokens)))]);
    }
}
